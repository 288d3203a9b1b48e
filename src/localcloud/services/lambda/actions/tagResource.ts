import { z } from 'zod';
import { noContent, readBody, defineAction, lambdaResource } from '../action.js';
import { tagsSchema } from '../validate.js';

export const tagResource = defineAction({ name: 'TagResource', action: 'lambda:TagResource', resource: lambdaResource }, (input, store, ctx) => {
  const fn = store.reachable(input.params.Resource, ctx.region);
  const { Tags } = readBody(input, z.object({ Tags: tagsSchema }));
  Object.assign(fn.tags, Tags);
  return noContent();
});
