import { ok, type LambdaAction } from '../action.js';

export const listTags: LambdaAction = (input, store, ctx) => ok({ Tags: store.find(input.params.Resource, ctx.region).tags });
