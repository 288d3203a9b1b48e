import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { sumCounters, type Counters } from '../domain/counters.js';
import { allCounterKeys } from '../domain/keys.js';
import { batchGet } from './batch-get.js';
import { cachedCatalog } from './catalog.js';
import type { QueueUrls } from './config.js';
import type { Logger } from './logger.js';
import { queueDepth, type QueueDepth } from './queue.js';
import { tripKeysOf, tripsIn } from './trips-view.js';

export interface SeatsLeft {
  total: number;
  byTrip: Record<string, number>;
}

/** The figures stats.json and GET /api/stats show: the seed's three counters first, then the rest. */
export interface StatsSnapshot extends Counters {
  seatsLeft: SeatsLeft;
  queueDepth?: QueueDepth;
  updatedAt: string;
}

/** Sums the counter shards and reads seat inventory in one strongly consistent BatchGetItem, plus queue depth. */
export async function readStats(db: DynamoDBClient, sqs: SQSClient, table: string, urls: QueueUrls, log: Logger): Promise<StatsSnapshot> {
  const catalog = await cachedCatalog(db, table);
  const [items, depth] = await Promise.all([
    batchGet(db, table, [...allCounterKeys(), ...tripKeysOf(catalog)]),
    queueDepth(sqs, urls).catch((err: unknown) => {
      log.warn('queue depth unavailable', { error: err });
      return undefined;
    }),
  ]);
  const byTrip = Object.fromEntries(tripsIn(items, catalog).map((trip) => [trip.id, trip.seatsLeft]));
  const total = Object.values(byTrip).reduce((sum, left) => sum + left, 0);
  return { ...sumCounters(items), seatsLeft: { total, byTrip }, ...(depth && { queueDepth: depth }), updatedAt: new Date().toISOString() };
}
