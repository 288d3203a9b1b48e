import { ok, type LambdaAction } from '../action.js';
import { mappingConfiguration } from '../esm/view.js';

export const getEventSourceMapping: LambdaAction = (input, store, ctx) => ok(mappingConfiguration(store.mapping(input.params.UUID, ctx.region)));
