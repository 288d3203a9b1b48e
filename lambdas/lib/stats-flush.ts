import { setTimeout as sleep } from 'node:timers/promises';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { ConsumerConfig } from './config.js';
import type { FlushGate } from './flush-gate.js';
import type { Logger } from './logger.js';
import { readStats } from './stats.js';
import { rollupTotal, writeStatsFile } from './stats-file.js';

export interface FlushDeps {
  db: DynamoDBClient;
  sqs: SQSClient;
  s3: S3Client;
  config: ConsumerConfig;
  log: Logger;
}

/** Rewrites stats.json (and the `total` rollup) when the gate allows, waiting up to maxWaitMs for it; best-effort, never failing a batch. */
export async function flushStatsIfDue(gate: FlushGate, maxWaitMs: number, { db, sqs, s3, config, log }: FlushDeps): Promise<boolean> {
  const plan = gate.plan(Date.now(), config.statsWriteIntervalMs, maxWaitMs);
  if (plan.kind === 'skip') return false;
  if (plan.kind === 'after') await sleep(plan.ms);
  gate.flushed(Date.now());
  try {
    const snapshot = await readStats(db, sqs, config.table, config, log);
    const [written] = await Promise.all([writeStatsFile(s3, config.bucket, config.key, snapshot), rollupTotal(db, config.table, snapshot)]);
    log.debug('stats written', { processed: written.processed, requests: written.requests });
    return true;
  } catch (err) {
    log.warn('could not write stats', { bucket: config.bucket, key: config.key, error: err });
    return false;
  }
}
