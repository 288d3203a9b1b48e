import { z } from 'zod';
import { defineAction, tags } from '../action.js';
import { tagsOf } from '../tagging.js';

export const tagResource = defineAction(
  'TagResource',
  'POST',
  '/v2/tags/:resourceArn',
  201,
  z.object({ resourceArn: z.string(), tags: tags.optional() }),
  (input, store) => {
    Object.assign(tagsOf(store, input.resourceArn), input.tags);
    return {};
  },
);
