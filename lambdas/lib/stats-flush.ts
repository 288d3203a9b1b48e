import { setTimeout as sleep } from 'node:timers/promises';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { ConsumerConfig } from './config.js';
import type { FlushGate } from './flush-gate.js';
import type { Logger } from './logger.js';
import { sendStatsTick } from './queue.js';
import { readStats } from './stats.js';
import { rollupTotal, writeStatsFile } from './stats-file.js';

/** SQS delays a message by whole seconds, at most 15 minutes. */
const MAX_DELAY_SECONDS = 900;

export interface FlushDeps {
  db: DynamoDBClient;
  sqs: SQSClient;
  s3: S3Client;
  config: ConsumerConfig;
  log: Logger;
}

/** What became of stats.json after a batch. */
export type FlushOutcome = 'written' | 'reminded' | 'reminder pending' | 'failed';

/**
 * Rewrites stats.json (and the `total` rollup) when the gate allows, waiting up to maxWaitMs for it.
 * When it does not, makes sure a stats tick comes back through the queue once the interval has passed,
 * so that a batch writes the last figures even if this was the last one. Best-effort: never fails a batch.
 */
export async function flushStatsIfDue(gate: FlushGate, maxWaitMs: number, deps: FlushDeps): Promise<FlushOutcome> {
  const { db, sqs, s3, config, log } = deps;
  const plan = gate.plan(Date.now(), config.statsWriteIntervalMs, maxWaitMs);
  if (plan.kind === 'skip') return remind(gate, plan.ms, deps);
  if (plan.kind === 'after') await sleep(plan.ms);
  gate.flushed(Date.now());
  try {
    const snapshot = await readStats(db, sqs, config.table, config, log);
    const [written] = await Promise.all([writeStatsFile(s3, config.bucket, config.key, snapshot), rollupTotal(db, config.table, snapshot)]);
    log.debug('stats written', { processed: written.processed, requests: written.requests });
    return 'written';
  } catch (err) {
    log.warn('could not write stats', { bucket: config.bucket, key: config.key, error: err });
    return 'failed';
  }
}

/** Leaves one stats tick, delayed until the gate opens (whole seconds), unless this container's last one is still to come. */
async function remind(gate: FlushGate, waitMs: number, { sqs, config, log }: FlushDeps): Promise<FlushOutcome> {
  const now = Date.now();
  if (gate.reminderPending(now)) return 'reminder pending';
  if (!config.queueUrl) {
    log.debug('no QUEUE_URL to send a stats tick to: stats.json waits for the next batch');
    return 'failed';
  }
  const delaySeconds = Math.min(MAX_DELAY_SECONDS, Math.max(1, Math.ceil(waitMs / 1000)));
  try {
    await sendStatsTick(sqs, config.queueUrl, delaySeconds);
    gate.reminded(now + delaySeconds * 1000);
    return 'reminded';
  } catch (err) {
    log.warn('could not send a stats tick', { error: err });
    return 'failed';
  }
}
