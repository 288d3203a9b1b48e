import { z } from 'zod';
import { ok, readBody, defineAction, lambdaResource } from '../action.js';
import { assertSettled, transition } from '../esm/lifecycle.js';
import { assertMappingAllowed, mappingSettings } from '../esm/rules.js';
import { mappingConfiguration } from '../esm/view.js';

const schema = z.looseObject({ FunctionName: z.string().min(1).max(140).optional(), ...mappingSettings });

export const updateEventSourceMapping = defineAction(
  { name: 'UpdateEventSourceMapping', action: 'lambda:UpdateEventSourceMapping', resource: lambdaResource },
  (input, store, ctx) => {
    const mapping = store.mapping(input.params.UUID, ctx.region);
    const body = readBody(input, schema);
    assertSettled(mapping);
    const fn = store.reachable(body.FunctionName ?? mapping.functionName, ctx.region);
    const batch = {
      batchSize: body.BatchSize ?? mapping.batchSize,
      maximumBatchingWindowInSeconds: body.MaximumBatchingWindowInSeconds ?? mapping.maximumBatchingWindowInSeconds,
    };
    assertMappingAllowed(ctx.cloud, store, ctx.region, mapping.eventSourceArn, fn, batch, mapping.uuid);

    const wasEnabled = mapping.enabled;
    Object.assign(mapping, batch, {
      functionName: fn.name,
      enabled: body.Enabled ?? mapping.enabled,
      functionResponseTypes: body.FunctionResponseTypes ?? mapping.functionResponseTypes,
      maximumConcurrency: body.ScalingConfig ? body.ScalingConfig.MaximumConcurrency : mapping.maximumConcurrency,
    });
    const through = mapping.enabled === wasEnabled ? 'Updating' : mapping.enabled ? 'Enabling' : 'Disabling';
    mapping.state = through;
    const response = mappingConfiguration(mapping);
    transition(mapping, through, ctx.lambda, ctx.cloud.options.timings.mappingTransitionMs);
    return ok(response, 202);
  },
);
