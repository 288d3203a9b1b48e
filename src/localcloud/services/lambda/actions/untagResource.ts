import { noContent, type LambdaAction } from '../action.js';

export const untagResource: LambdaAction = (input, store, ctx) => {
  const fn = store.find(input.params.Resource, ctx.region);
  for (const key of input.query.getAll('tagKeys')) delete fn.tags[key];
  return noContent();
};
