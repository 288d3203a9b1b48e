import { z } from 'zod';
import { defineAction } from '../action.js';
import { tagsOf } from '../tagging.js';

export const getTags = defineAction(
  { name: 'GetTags', method: 'GET', path: '/v2/tags/:resourceArn', status: 200 },
  z.object({ resourceArn: z.string() }),
  (input, store) => ({
    tags: tagsOf(store, input.resourceArn),
  }),
);
