import type { Context, SQSBatchItemFailure, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { BATCH_SIZE } from './domain/contract.js';
import { isStatsTick } from './domain/message.js';
import { dynamodb } from './lib/aws/dynamodb.js';
import { s3 } from './lib/aws/s3.js';
import { sqs } from './lib/aws/sqs.js';
import { consumerConfig } from './lib/config.js';
import { consumeRecord, isLastAttempt, type RecordResult } from './lib/consume-record.js';
import { consumeTogether } from './lib/consume-together.js';
import { FlushGate } from './lib/flush-gate.js';
import { createLogger } from './lib/logger.js';
import { SoldOutHints } from './lib/sold-out-hints.js';
import { flushStatsIfDue } from './lib/stats-flush.js';

/** A draining batch waits at most this long for the stats interval to pass, so the last figures get written. */
export const MAX_TAIL_WAIT_MS = 1500;
/** Time left for the stats flush itself after any wait, inside the function timeout. */
const FLUSH_RESERVE_MS = 1500;
/**
 * No record is started with less time left than this (a record's transactions plus the flush): the rest
 * go back to the queue, rather than the batch timing out, which would redeliver the records already
 * settled and cost a cold start (a timed-out container is recycled).
 */
const RECORD_START_RESERVE_MS = FLUSH_RESERVE_MS + 1000;

/** Lives as long as the warm container, so stats.json is rewritten at most once per interval per container, with one stats tick pending at most. */
const statsGate = new FlushGate();
/** Full trips this container has seen, so their later bookings cost one transaction, not two. */
const soldOutHints = new SoldOutHints();

/**
 * aram-consumer: settles the bookings of a batch with DynamoDB transactions, one per trip when they all
 * end alike, else one per booking. Records that failed transiently are reported one by one
 * (ReportBatchItemFailures); a bad record never fails the batch. Then stats.json is rewritten when the
 * interval allows (lib/stats-flush.ts). A stats tick in a batch is no booking: it only asks for that write.
 */
export async function handler(event: SQSEvent, context?: Context): Promise<SQSBatchResponse> {
  const config = consumerConfig();
  const log = createLogger({ fn: 'consumer', requestId: context?.awsRequestId });
  const db = dynamodb(config.region);
  const batchItemFailures: SQSBatchItemFailure[] = [];
  const tally: Partial<Record<RecordResult | 'deferred', number>> = {};
  const remainingMs = () => (typeof context?.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : Infinity);
  const deps = { db, config, log, hints: soldOutHints };
  // Bookings of one trip together first, then the rest one at a time: records of a batch mostly want the
  // same trip item, and parallel transactions on it would only conflict.
  const bookings = event.Records.filter((record) => !isStatsTick(record.body));
  const together = remainingMs() >= RECORD_START_RESERVE_MS ? await consumeTogether(bookings, deps) : new Map<SQSRecord, RecordResult>();
  for (const record of bookings) {
    // A record on its last attempt is tried anyway: handed back, it would reach the DLQ unsettled.
    const defer = remainingMs() < RECORD_START_RESERVE_MS && !isLastAttempt(record, config);
    const result = together.get(record) ?? (defer ? 'deferred' : await consumeRecord(record, deps));
    tally[result] = (tally[result] ?? 0) + 1;
    if (result === 'retry' || result === 'deferred') batchItemFailures.push({ itemIdentifier: record.messageId });
  }
  // A batch smaller than the mapping's means the queue is draining.
  const tail = event.Records.length < BATCH_SIZE;
  const stats = await flushStatsIfDue(statsGate, tail ? Math.min(MAX_TAIL_WAIT_MS, remainingMs() - FLUSH_RESERVE_MS) : 0, {
    db,
    sqs: sqs(config.region),
    s3: s3(config.region),
    config,
    log,
  });
  const ticks = event.Records.length - bookings.length;
  log.info('batch settled', { records: event.Records.length, ...tally, ...(ticks > 0 && { ticks }), stats });
  return { batchItemFailures };
}
