import { noContent, targetFunction, defineAction, lambdaResource } from '../action.js';

export const deleteFunctionConcurrency = defineAction(
  { name: 'DeleteFunctionConcurrency', action: 'lambda:DeleteFunctionConcurrency', resource: lambdaResource },
  (input, store, ctx) => {
    targetFunction(input, store, ctx).reservedConcurrency = undefined;
    return noContent();
  },
);
