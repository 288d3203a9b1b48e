import { ok, targetFunction, type LambdaAction } from '../action.js';

export const getFunctionConcurrency: LambdaAction = (input, store, ctx) => {
  const { reservedConcurrency } = targetFunction(input, store, ctx);
  return ok(reservedConcurrency === undefined ? {} : { ReservedConcurrentExecutions: reservedConcurrency });
};
