import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ok, readBody, type LambdaAction } from '../action.js';
import { invalidParameter } from '../errors.js';
import { nowSeconds, transition } from '../esm/lifecycle.js';
import { assertMappingAllowed, assertSqsSource, mappingSettings } from '../esm/rules.js';
import { mappingConfiguration } from '../esm/view.js';
import type { EventSourceMapping } from '../store.js';

const DEFAULT_BATCH_SIZE = 10;

const schema = z.looseObject({
  EventSourceArn: z.string().min(12).max(1024),
  FunctionName: z.string().min(1).max(140),
  ...mappingSettings,
  StartingPosition: z.string().optional(),
  FilterCriteria: z.unknown().optional(),
});

export const createEventSourceMapping: LambdaAction = (input, store, ctx) => {
  const body = readBody(input, schema);
  const fn = store.find(body.FunctionName, ctx.region);
  assertSqsSource(body.EventSourceArn);
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
};
