import { arn } from '../../../core/arn.js';
import { functionArn, type EventSourceMapping } from '../store.js';

/** EventSourceMappingConfiguration as Lambda returns it. */
export function mappingConfiguration(m: EventSourceMapping) {
  return {
    UUID: m.uuid,
    BatchSize: m.batchSize,
    MaximumBatchingWindowInSeconds: m.maximumBatchingWindowInSeconds,
    EventSourceArn: m.eventSourceArn,
    FunctionArn: functionArn(m.region, m.functionName),
    LastModified: m.lastModified,
    LastProcessingResult: m.lastProcessingResult,
    State: m.state,
    StateTransitionReason: 'USER_INITIATED',
    FunctionResponseTypes: m.functionResponseTypes,
    ScalingConfig: m.maximumConcurrency === undefined ? undefined : { MaximumConcurrency: m.maximumConcurrency },
    EventSourceMappingArn: arn('lambda', m.region, `event-source-mapping:${m.uuid}`),
  };
}
