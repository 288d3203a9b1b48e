import { ConditionalCheckFailedException, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { N, S } from '../domain/attributes.js';
import { COUNTER_NAMES } from '../domain/counters.js';
import { TOTAL_ID } from '../domain/keys.js';
import type { StatsSnapshot } from './stats.js';

type Loose = Record<string, unknown>;

const numberOr = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);
const asObject = (value: unknown): Loose => (value !== null && typeof value === 'object' ? (value as Loose) : {});

/**
 * stats.json never goes backwards, whichever container writes last: counters take the larger value,
 * seats left the smaller (seats are only ever taken), updatedAt the later.
 */
export function mergeStats(previous: unknown, next: StatsSnapshot): StatsSnapshot {
  const prev = asObject(previous);
  const merged: StatsSnapshot = { ...next, seatsLeft: { total: 0, byTrip: {} } };
  for (const name of COUNTER_NAMES) merged[name] = Math.max(numberOr(prev[name], 0), next[name]);
  const prevByTrip = asObject(asObject(prev.seatsLeft).byTrip);
  for (const [tripId, left] of Object.entries(next.seatsLeft.byTrip)) {
    merged.seatsLeft.byTrip[tripId] = Math.min(numberOr(prevByTrip[tripId], left), left);
    merged.seatsLeft.total += merged.seatsLeft.byTrip[tripId];
  }
  if (typeof prev.updatedAt === 'string' && prev.updatedAt > next.updatedAt) merged.updatedAt = prev.updatedAt;
  return merged;
}

/**
 * What S3 answers for a missing stats.json: NoSuchKey, or AccessDenied when the reader may not
 * s3:ListBucket (the consumer role may only get and put the one object), as S3 does on AWS.
 */
const STATS_FILE_ABSENT = new Set(['NoSuchKey', 'AccessDenied']);

async function readStatsFile(s3: S3Client, bucket: string, key: string): Promise<unknown> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return JSON.parse((await object.Body?.transformToString()) ?? '');
  } catch (err) {
    if (STATS_FILE_ABSENT.has((err as Error).name) || err instanceof SyntaxError) return undefined;
    throw err;
  }
}

/** Read, merge, write: the page polls this object, so it must not be cached. */
export async function writeStatsFile(s3: S3Client, bucket: string, key: string, snapshot: StatsSnapshot): Promise<StatsSnapshot> {
  const merged = mergeStats(await readStatsFile(s3, bucket, key), snapshot);
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: JSON.stringify(merged), ContentType: 'application/json', CacheControl: 'no-cache' }));
  return merged;
}

/** Keeps the seed's `total` item current; the guard stops an older snapshot from overwriting a newer one. */
export async function rollupTotal(db: DynamoDBClient, table: string, snapshot: StatsSnapshot): Promise<void> {
  try {
    await db.send(
      new UpdateItemCommand({
        TableName: table,
        Key: { id: S(TOTAL_ID) },
        UpdateExpression: 'SET #r = :r, #p = :p, #s = :s, updatedAt = :t',
        ConditionExpression: 'attribute_not_exists(id) OR (#r <= :r AND #p <= :p AND #s <= :s)',
        // PROCESSED is one of DynamoDB's reserved words.
        ExpressionAttributeNames: { '#r': 'requests', '#p': 'processed', '#s': 'success' },
        ExpressionAttributeValues: { ':r': N(snapshot.requests), ':p': N(snapshot.processed), ':s': N(snapshot.success), ':t': S(snapshot.updatedAt) },
      }),
    );
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
  }
}
