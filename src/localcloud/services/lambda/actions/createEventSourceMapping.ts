import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AwsError } from '../../../core/errors.js';
import { ok, readBody, defineAction, lambdaResource } from '../action.js';
import { invalidParameter } from '../errors.js';
import { nowSeconds, transition } from '../esm/lifecycle.js';
import { assertMappingAllowed, assertSqsSource, mappingSettings } from '../esm/rules.js';
import { mappingConfiguration } from '../esm/view.js';
import type { EventSourceMapping, LambdaFunction, LambdaStore } from '../store.js';

const DEFAULT_BATCH_SIZE = 10;

const schema = z.looseObject({
  EventSourceArn: z.string().min(12).max(1024).optional(),
  FunctionName: z.string().min(1).max(140),
  ...mappingSettings,
  StartingPosition: z.string().optional(),
  FilterCriteria: z.unknown().optional(),
});

function mappedFunction(store: LambdaStore, name: string, region: string): LambdaFunction {
  try {
    return store.reachable(name, region);
  } catch (err) {
    if (err instanceof AwsError && err.code === 'ResourceNotFoundException') throw invalidParameter('Function does not exist');
    throw err;
  }
}

export const createEventSourceMapping = defineAction(
  { name: 'CreateEventSourceMapping', action: 'lambda:CreateEventSourceMapping', resource: lambdaResource },
  (input, store, ctx) => {
    const body = readBody(input, schema);
    // AWS checks the source first, and answers a missing function as a bad parameter, not a 404.
    if (!body.EventSourceArn) throw invalidParameter('Unrecognized event source.');
    assertSqsSource(body.EventSourceArn);
    const fn = mappedFunction(store, body.FunctionName, ctx.region);
    if (body.StartingPosition) throw invalidParameter('StartingPosition is not valid for SQS event sources.');
    if (body.FilterCriteria !== undefined) throw invalidParameter('FilterCriteria is not supported by the embedded cloud.');
    const batch = { batchSize: body.BatchSize ?? DEFAULT_BATCH_SIZE, maximumBatchingWindowInSeconds: body.MaximumBatchingWindowInSeconds ?? 0 };
    assertMappingAllowed(ctx.cloud, store, ctx.region, body.EventSourceArn, fn, batch);

    const mapping: EventSourceMapping = {
      uuid: randomUUID(),
      region: ctx.region,
      eventSourceArn: body.EventSourceArn,
      functionName: fn.name,
      ...batch,
      functionResponseTypes: body.FunctionResponseTypes ?? [],
      maximumConcurrency: body.ScalingConfig?.MaximumConcurrency,
      enabled: body.Enabled ?? true,
      state: 'Creating',
      lastModified: nowSeconds(),
      lastProcessingResult: 'No records processed',
    };
    store.mappings(ctx.region).set(mapping.uuid, mapping);
    const response = mappingConfiguration(mapping);
    transition(mapping, 'Creating', ctx.lambda, ctx.cloud.options.timings.mappingTransitionMs);
    return ok(response, 202);
  },
);
