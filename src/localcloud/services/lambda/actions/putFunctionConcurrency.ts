import { z } from 'zod';
import { ok, readBody, targetFunction, defineAction, lambdaResource } from '../action.js';
import { invalidParameter } from '../errors.js';

/** An account's concurrency (Lambda's default quota) and the part that must stay unreserved. */
const ACCOUNT_CONCURRENCY = 1000;
const MIN_UNRESERVED = 100;

export const putFunctionConcurrency = defineAction(
  { name: 'PutFunctionConcurrency', action: 'lambda:PutFunctionConcurrency', resource: lambdaResource },
  (input, store, ctx) => {
    const fn = targetFunction(input, store, ctx);
    const { ReservedConcurrentExecutions } = readBody(input, z.object({ ReservedConcurrentExecutions: z.number().int().min(0) }));
    let reservedByOthers = 0;
    for (const other of store.functions(ctx.region).values()) if (other !== fn) reservedByOthers += other.reservedConcurrency ?? 0;
    if (ACCOUNT_CONCURRENCY - reservedByOthers - ReservedConcurrentExecutions < MIN_UNRESERVED) {
      throw invalidParameter(
        `Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${MIN_UNRESERVED}].`,
      );
    }
    fn.reservedConcurrency = ReservedConcurrentExecutions;
    return ok({ ReservedConcurrentExecutions });
  },
);
