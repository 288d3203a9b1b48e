import { z } from 'zod';
import { defineAction } from '../action.js';
import { tagsOf } from '../tagging.js';

export const untagResource = defineAction(
  { name: 'UntagResource', method: 'DELETE', path: '/v2/tags/:resourceArn', status: 204 }, // `tagKeys` is a repeated query member: one value arrives as a string.
  z.object({ resourceArn: z.string(), tagKeys: z.union([z.string().transform((k) => [k]), z.array(z.string())]) }),
  (input, store) => {
    const tags = tagsOf(store, input.resourceArn);
    for (const key of input.tagKeys) delete tags[key];
  },
);
