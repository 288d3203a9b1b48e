import { z } from 'zod';
import { defineAction, tags } from '../action.js';
import { tagsOf } from '../tagging.js';

export const tagResource = defineAction(
  { name: 'TagResource', method: 'POST', path: '/v2/tags/:resourceArn', status: 201 },
  z.object({ resourceArn: z.string(), tags: tags.optional() }),
  (input, store) => {
    Object.assign(tagsOf(store, input.resourceArn), input.tags);
    return {};
  },
);
