import { isAllowed } from '../../../core/operation.js';
import { z } from 'zod';
import { parseArn } from '../../../core/arn.js';
import type { CloudContext } from '../../../core/types.js';
import { invalidParameter, resourceConflict } from '../errors.js';
import { executionRole, iamOf } from '../iam.js';
import type { LambdaFunction, LambdaStore } from '../store.js';

/** Receives of more than this many messages need a batching window. */
const MAX_BATCH_WITHOUT_WINDOW = 10;
const MAX_FIFO_BATCH = 10;
/** What Lambda's poller calls on the queue with the function's execution role. */
const POLLER_ACTIONS = ['ReceiveMessage', 'DeleteMessage', 'GetQueueAttributes'];

/** The settings CreateEventSourceMapping and UpdateEventSourceMapping share. */
export const mappingSettings = {
  Enabled: z.boolean().optional(),
  BatchSize: z.number().int().min(1).max(10_000).optional(),
  MaximumBatchingWindowInSeconds: z.number().int().min(0).max(300).optional(),
  FunctionResponseTypes: z
    .array(z.enum(['ReportBatchItemFailures']))
    .max(1)
    .optional(),
  ScalingConfig: z.object({ MaximumConcurrency: z.number().int().min(2).max(1000).optional() }).optional(),
};

export interface BatchSettings {
  batchSize: number;
  maximumBatchingWindowInSeconds: number;
}

export function assertSqsSource(eventSourceArn: string): void {
  const service = parseArn(eventSourceArn)?.service;
  if (service !== 'sqs') throw invalidParameter(`Unsupported event source ${eventSourceArn}: the embedded cloud maps SQS queues only.`);
}

/** The rules Lambda checks against the queue: it exists, the batch fits it, it hides a message longer than the function runs. */
function assertQueueFits(cloud: CloudContext, queueArn: string, fn: LambdaFunction, batch: BatchSettings): void {
  const attributes = cloud.api('sqs').attributes(queueArn);
  if (!attributes) {
    throw invalidParameter(
      'Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist or you do not have access to it.',
    );
  }
  if (attributes.FifoQueue === 'true' && batch.batchSize > MAX_FIFO_BATCH)
    throw invalidParameter(`Batch size for FIFO queues must be between 1 and ${MAX_FIFO_BATCH}.`);
  if (batch.batchSize > MAX_BATCH_WITHOUT_WINDOW && batch.maximumBatchingWindowInSeconds < 1) {
    throw invalidParameter(`Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than ${MAX_BATCH_WITHOUT_WINDOW}`);
  }
  const visibility = Number(attributes.VisibilityTimeout);
  if (visibility < fn.config.timeout) {
    throw invalidParameter(`Queue visibility timeout: ${visibility} seconds is less than Function timeout: ${fn.config.timeout} seconds`);
  }
}

/** With IAM in the cloud, the function's role must be allowed to poll the queue. */
function assertRoleCanPoll(cloud: CloudContext, fn: LambdaFunction, queueArn: string): void {
  const iam = iamOf(cloud);
  if (!iam) return;
  const role = executionRole(iam, fn.config.role, fn.name);
  const missing = POLLER_ACTIONS.find((action) => !isAllowed(cloud, role, { action: `sqs:${action}`, resource: queueArn }));
  if (missing) throw invalidParameter(`The function execution role does not have permissions to call ${missing} on SQS`);
}

/** A queue feeds a function through one mapping only. */
function assertSingleMapping(store: LambdaStore, region: string, queueArn: string, fn: LambdaFunction, ignoreUuid?: string): void {
  for (const m of store.mappings(region).values()) {
    if (m.uuid !== ignoreUuid && m.eventSourceArn === queueArn && m.functionName === fn.name) {
      throw resourceConflict(
        `An event source mapping with SQS arn (" ${queueArn} ") and function (" ${fn.name} ") already exists. Please update or delete the existing mapping with UUID ${m.uuid}`,
      );
    }
  }
}

/** Everything Lambda checks before a queue may feed a function (on create, and on update with the new settings). */
export function assertMappingAllowed(
  cloud: CloudContext,
  store: LambdaStore,
  region: string,
  queueArn: string,
  fn: LambdaFunction,
  batch: BatchSettings,
  ignoreUuid?: string,
): void {
  assertQueueFits(cloud, queueArn, fn, batch);
  assertSingleMapping(store, region, queueArn, fn, ignoreUuid);
  assertRoleCanPoll(cloud, fn, queueArn);
}
