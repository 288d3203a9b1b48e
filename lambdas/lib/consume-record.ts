import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSRecord } from 'aws-lambda';
import { bookingIdOf, parseBookingMessage, type ParsedMessage } from '../domain/message.js';
import { cachedCatalog } from './catalog.js';
import type { ConsumerConfig } from './config.js';
import type { Logger } from './logger.js';
import { closeBooking, settleBooking, type Settled } from './settle.js';
import type { SoldOutHints } from './sold-out-hints.js';

/** 'retry' returns the record to the queue (a batch item failure); after maxReceiveCount it lands in the DLQ. */
export type RecordResult = Settled | 'retry';

export interface ConsumeDeps {
  db: DynamoDBClient;
  config: ConsumerConfig;
  log: Logger;
  hints: SoldOutHints;
}

/** Settles one SQS record. Never throws: a failure returns the record to the queue, or parks it on its last attempt. */
export async function consumeRecord(record: SQSRecord, deps: ConsumeDeps): Promise<RecordResult> {
  const parsed = parseBookingMessage(record.body);
  const bookingId = bookingIdOf(parsed);
  const log = recordLogger(deps.log, record, bookingId);
  try {
    const result = await settle(record, parsed, deps, log);
    log.debug('record settled', { result });
    return result;
  } catch (err) {
    return parkOrRetry(record, bookingId, err, deps, log);
  }
}

async function settle(_record: SQSRecord, parsed: ParsedMessage, { db, config, hints }: ConsumeDeps, log: Logger): Promise<RecordResult> {
  if (!parsed.ok) {
    if (!parsed.requestId) {
      log.error('poison message without a requestId; leaving it for the DLQ', { reason: parsed.reason });
      return 'retry';
    }
    log.warn('rejecting poison message', { reason: parsed.reason });
    return closeBooking(db, config.table, parsed.requestId, 'rejected', parsed.reason);
  }
  const { message } = parsed;
  const catalog = await cachedCatalog(db, config.table);
  if (!catalog.tripIds.includes(message.tripId)) {
    return closeBooking(db, config.table, message.requestId, 'rejected', `unknown trip '${message.tripId}'`);
  }
  return settleBooking(db, config.table, message, hints);
}

/**
 * On the last allowed attempt the booking is marked failed with the reason before the message goes to the DLQ,
 * unless it is already final (settled by an earlier delivery), in which case the message is done.
 */
export async function parkOrRetry(
  record: SQSRecord,
  bookingId: string | undefined,
  err: unknown,
  { db, config }: ConsumeDeps,
  log: Logger,
): Promise<RecordResult> {
  if (!isLastAttempt(record, config) || !bookingId) {
    log.warn('record failed, returning it to the queue', { error: err });
    return 'retry';
  }
  const reason = `gave up after ${receiveCount(record)} attempts: ${(err as Error)?.message ?? String(err)}`;
  const parked = await closeBooking(db, config.table, bookingId, 'failed', reason).catch((parkErr: unknown) => {
    log.error('could not mark the booking failed', { error: parkErr });
    return undefined;
  });
  // Another delivery already settled the booking (this one came back after a crash): nothing is left to park,
  // and the message is done rather than a DLQ entry for a booking that is final.
  if (parked === 'duplicate') {
    log.info('record failed on its last attempt, but its booking is already final: done', { reason });
    return 'duplicate';
  }
  log.error('record failed for the last time, parking it in the DLQ', { reason });
  return 'retry';
}

/** A record that fails now goes to the DLQ instead of coming back. */
export const isLastAttempt = (record: SQSRecord, config: Pick<ConsumerConfig, 'maxReceiveCount'>) => receiveCount(record) >= config.maxReceiveCount;

/** Every line about a record names its message, its attempt and its booking. */
export const recordLogger = (log: Logger, record: SQSRecord, bookingId: string | undefined) =>
  log.with({ messageId: record.messageId, attempt: receiveCount(record), bookingId });

/** Which delivery of its message a record is (1 the first). */
export const receiveCount = (record: SQSRecord) => Number(record.attributes?.ApproximateReceiveCount ?? 1);
