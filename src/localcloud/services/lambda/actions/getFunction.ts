import { ok, targetFunction, defineAction, lambdaResource } from '../action.js';
import { CODE_PATH_PREFIX } from '../code.js';
import { functionConfiguration } from '../view.js';

export const getFunction = defineAction({ name: 'GetFunction', action: 'lambda:GetFunction', resource: lambdaResource }, (input, store, ctx) => {
  const fn = targetFunction(input, store, ctx);
  return ok({
    Configuration: functionConfiguration(fn),
    Code: { RepositoryType: 'S3', Location: `${ctx.cloud.endpoint}${CODE_PATH_PREFIX}${fn.name}/${fn.code.hash}.zip` },
    Tags: Object.keys(fn.tags).length ? fn.tags : undefined,
    Concurrency: fn.reservedConcurrency === undefined ? undefined : { ReservedConcurrentExecutions: fn.reservedConcurrency },
  });
});
