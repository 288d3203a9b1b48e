import { ok, defineAction, lambdaResource } from '../action.js';
import { assertSettled, beginDeletion } from '../esm/lifecycle.js';
import { mappingConfiguration } from '../esm/view.js';

export const deleteEventSourceMapping = defineAction(
  { name: 'DeleteEventSourceMapping', action: 'lambda:DeleteEventSourceMapping', resource: lambdaResource },
  (input, store, ctx) => {
    const mapping = store.mapping(input.params.UUID, ctx.region);
    assertSettled(mapping);
    beginDeletion(mapping, store, ctx.lambda, ctx.cloud.options.timings.mappingTransitionMs);
    return ok(mappingConfiguration(mapping), 202);
  },
);
