import { noContent, defineAction, lambdaResource } from '../action.js';

export const untagResource = defineAction({ name: 'UntagResource', action: 'lambda:UntagResource', resource: lambdaResource }, (input, store, ctx) => {
  const fn = store.reachable(input.params.Resource, ctx.region);
  for (const key of input.query.getAll('tagKeys')) delete fn.tags[key];
  return noContent();
});
