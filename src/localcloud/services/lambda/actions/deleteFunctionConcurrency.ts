import { noContent, targetFunction, type LambdaAction } from '../action.js';

export const deleteFunctionConcurrency: LambdaAction = (input, store, ctx) => {
  targetFunction(input, store, ctx).reservedConcurrency = undefined;
  return noContent();
};
