import { ok, defineAction, lambdaResource } from '../action.js';
import { mappingConfiguration } from '../esm/view.js';

export const getEventSourceMapping = defineAction(
  { name: 'GetEventSourceMapping', action: 'lambda:GetEventSourceMapping', resource: lambdaResource },
  (input, store, ctx) => ok(mappingConfiguration(store.mapping(input.params.UUID, ctx.region))),
);
