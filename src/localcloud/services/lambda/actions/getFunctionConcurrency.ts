import { ok, targetFunction, defineAction, lambdaResource } from '../action.js';

export const getFunctionConcurrency = defineAction(
  { name: 'GetFunctionConcurrency', action: 'lambda:GetFunctionConcurrency', resource: lambdaResource },
  (input, store, ctx) => {
    const { reservedConcurrency } = targetFunction(input, store, ctx);
    return ok(reservedConcurrency === undefined ? {} : { ReservedConcurrentExecutions: reservedConcurrency });
  },
);
