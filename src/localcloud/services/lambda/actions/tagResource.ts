import { z } from 'zod';
import { noContent, readBody, type LambdaAction } from '../action.js';
import { tagsSchema } from '../validate.js';

export const tagResource: LambdaAction = (input, store, ctx) => {
  const fn = store.find(input.params.Resource, ctx.region);
  const { Tags } = readBody(input, z.object({ Tags: tagsSchema }));
  Object.assign(fn.tags, Tags);
  return noContent();
};
