import { noContent, targetFunction, defineAction, lambdaResource } from '../action.js';
import { resourceConflict } from '../errors.js';

/** Refused while one of the function's event source mappings is still being deleted (callers wait and retry). */
export const deleteFunction = defineAction({ name: 'DeleteFunction', action: 'lambda:DeleteFunction', resource: lambdaResource }, (input, store, ctx) => {
  const fn = targetFunction(input, store, ctx);
  for (const mapping of store.mappings(ctx.region).values()) {
    if (mapping.functionName === fn.name && mapping.state === 'Deleting') {
      throw resourceConflict(`The operation cannot be performed at this time. Event source mapping ${mapping.uuid} of this function is being deleted.`);
    }
  }
  store.functions(ctx.region).delete(fn.name);
  ctx.lambda.runtime.discard(fn);
  return noContent();
});
