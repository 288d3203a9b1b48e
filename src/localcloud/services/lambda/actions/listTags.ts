import { ok, defineAction, lambdaResource } from '../action.js';

export const listTags = defineAction({ name: 'ListTags', action: 'lambda:ListTags', resource: lambdaResource }, (input, store, ctx) =>
  ok({ Tags: store.reachable(input.params.Resource, ctx.region).tags }),
);
