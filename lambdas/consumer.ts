import type { Context, SQSBatchItemFailure, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { dynamodb } from './lib/aws/dynamodb.js';
import { s3 } from './lib/aws/s3.js';
import { sqs } from './lib/aws/sqs.js';
import { consumerConfig } from './lib/config.js';
import { consumeRecord, type RecordResult } from './lib/consume-record.js';
import { FlushGate } from './lib/flush-gate.js';
import { createLogger } from './lib/logger.js';
import { flushStatsIfDue } from './lib/stats-flush.js';

/** The event source mapping's batch size: a smaller batch means the queue is draining. */
export const EVENT_SOURCE_BATCH_SIZE = 10;
/** A draining batch waits at most this long for the stats interval to pass, so the last figures get written. */
export const MAX_TAIL_WAIT_MS = 1500;
/** Time left for the stats flush itself after any wait, inside the function timeout. */
const FLUSH_RESERVE_MS = 1500;

/** Lives as long as the warm container, so stats.json is rewritten at most once per interval per container. */
const statsGate = new FlushGate();

/**
 * aram-consumer: settles each booking with one DynamoDB transaction. Records that failed transiently
 * are reported one by one (ReportBatchItemFailures); a bad record never fails the batch.
 */
export async function handler(event: SQSEvent, context?: Context): Promise<SQSBatchResponse> {
  const config = consumerConfig();
  const log = createLogger({ fn: 'consumer', requestId: context?.awsRequestId });
  const db = dynamodb(config.region);
  const batchItemFailures: SQSBatchItemFailure[] = [];
  const tally: Partial<Record<RecordResult, number>> = {};
  // One at a time: records of a batch mostly want the same trip item, and parallel transactions on it would only conflict.
  for (const record of event.Records) {
    const result = await consumeRecord(record, { db, config, log });
    tally[result] = (tally[result] ?? 0) + 1;
    if (result === 'retry') batchItemFailures.push({ itemIdentifier: record.messageId });
  }
  log.info('batch settled', { records: event.Records.length, ...tally });
  const tail = event.Records.length < EVENT_SOURCE_BATCH_SIZE;
  const budgetMs = typeof context?.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() - FLUSH_RESERVE_MS : MAX_TAIL_WAIT_MS;
  await flushStatsIfDue(statsGate, tail ? Math.min(MAX_TAIL_WAIT_MS, budgetMs) : 0, { db, sqs: sqs(config.region), s3: s3(config.region), config, log });
  return { batchItemFailures };
}
