import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BatchWriteItemCommand,
  GetItemCommand,
  ProvisionedThroughputExceededException,
  PutItemCommand,
  ScanCommand,
  ThrottlingException,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { startTestCloud, type TestCloud } from '../../../../test/helpers/cloud.js';
import { createTable } from './testTables.js';
import { PartitionWriteLimiter } from './throughput/limiter.js';

/** Low enough that a burst of concurrent calls outruns the one-second bucket whatever the machine's speed. */
const UNITS_PER_SECOND = 5;
const BURST = 40;

const s = (value: string) => ({ S: value });

describe('PartitionWriteLimiter (token bucket per partition key)', () => {
  it('admits one second of capacity, then refills with time', () => {
    let now = 0;
    const limiter = new PartitionWriteLimiter(10, () => now);
    const hot = { partition: 'seats/hot', units: 1 };
    for (let i = 0; i < 10; i++) expect(limiter.take([hot])).toEqual([]);
    expect(limiter.take([hot])).toEqual([0]);
    expect(limiter.take([{ partition: 'seats/cold', units: 1 }])).toEqual([]);
    now += 300;
    for (let i = 0; i < 3; i++) expect(limiter.take([hot])).toEqual([]);
    expect(limiter.take([hot])).toEqual([0]);
  });

  it('admits a multi-item write whole or not at all', () => {
    let now = 0;
    const limiter = new PartitionWriteLimiter(4, () => now);
    expect(limiter.take([{ partition: 'a', units: 3 }])).toEqual([]);
    // 'b' has room but 'a' has not: nothing is taken from 'b' either.
    expect(
      limiter.take([
        { partition: 'b', units: 4 },
        { partition: 'a', units: 2 },
      ]),
    ).toEqual([1]);
    expect(limiter.take([{ partition: 'b', units: 4 }])).toEqual([]);
    // Two items of one partition add up.
    now += 1000;
    expect(
      limiter.take([
        { partition: 'a', units: 2 },
        { partition: 'a', units: 3 },
      ]),
    ).toEqual([0, 1]);
  });
});

describe('dynamodb hot partition model (dynamoPartitionWriteRate)', () => {
  let t: TestCloud;
  const ddb = () => t.clients.dynamodb;
  const putHot = (table: string, i: number) => ddb().send(new PutItemCommand({ TableName: table, Item: { id: s('hot'), n: { N: String(i) } } }));
  const outcomes = async (calls: Promise<unknown>[]) => {
    const settled = await Promise.allSettled(calls);
    return { ok: settled.filter((r) => r.status === 'fulfilled').length, errors: settled.flatMap((r) => (r.status === 'rejected' ? [r.reason] : [])) };
  };

  beforeAll(async () => {
    t = await startTestCloud({ dynamoPartitionWriteRate: UNITS_PER_SECOND });
    await createTable(ddb(), 'ondemand');
    await createTable(ddb(), 'provisioned', { provisioned: true });
    await createTable(ddb(), 'ranged', { sortKey: true });
    await createTable(ddb(), 'txn');
  });
  afterAll(() => t.stop());

  it('throttles writes to one partition key of an on-demand table, not the others', async () => {
    const { ok, errors } = await outcomes(Array.from({ length: BURST }, (_, i) => putHot('ondemand', i)));
    expect(ok).toBeGreaterThan(0);
    expect(ok).toBeLessThan(BURST);
    for (const err of errors) {
      expect(err).toBeInstanceOf(ThrottlingException);
      expect((err as Error).message).toMatch(/^Throughput exceeds the current capacity of your table or index\..*check if you have a hot key/);
      expect((err as ThrottlingException).throttlingReasons?.map((r) => r.reason)).toEqual(['TableWriteKeyRangeThroughputExceeded']);
    }
    await ddb().send(new PutItemCommand({ TableName: 'ondemand', Item: { id: s('cold') } }));
  });

  it('answers ProvisionedThroughputExceededException on a provisioned table', async () => {
    const update = (i: number) =>
      ddb().send(
        new UpdateItemCommand({
          TableName: 'provisioned',
          Key: { id: s('hot') },
          UpdateExpression: 'SET n = :n',
          ExpressionAttributeValues: { ':n': { N: String(i) } },
        }),
      );
    const { errors } = await outcomes(Array.from({ length: BURST }, (_, i) => update(i)));
    expect(errors.length).toBeGreaterThan(0);
    for (const err of errors) expect(err).toBeInstanceOf(ProvisionedThroughputExceededException);
  });

  it('returns the throttled part of a BatchWriteItem as UnprocessedItems', async () => {
    const writes = Array.from({ length: 25 }, (_, i) => ({ PutRequest: { Item: { id: s('hot'), sk: { N: String(i) } } } }));
    const result = await ddb().send(new BatchWriteItemCommand({ RequestItems: { ranged: writes } }));
    const unprocessed = result.UnprocessedItems?.ranged ?? [];
    expect(unprocessed.length).toBeGreaterThanOrEqual(25 - UNITS_PER_SECOND - 1);
    expect(unprocessed.length).toBeLessThan(25);
    for (const w of unprocessed) expect(writes).toContainEqual(w);
  });

  it('cancels transactions on a hot key with a ThrottlingError reason', async () => {
    const book = (i: number) =>
      ddb().send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: 'txn', Item: { id: s(`booking-${i}`) } } },
            { Update: { TableName: 'txn', Key: { id: s('trip') }, UpdateExpression: 'ADD sold :one', ExpressionAttributeValues: { ':one': { N: '1' } } } },
          ],
        }),
      );
    const { ok, errors } = await outcomes(Array.from({ length: BURST }, (_, i) => book(i)));
    expect(errors.length).toBeGreaterThan(0);
    for (const err of errors) {
      expect(err).toBeInstanceOf(TransactionCanceledException);
      expect((err as TransactionCanceledException).CancellationReasons?.map((r) => r.Code)).toEqual(['None', 'ThrottlingError']);
    }
    // A cancelled transaction wrote nothing: as many bookings as sales.
    const trip = await ddb().send(new GetItemCommand({ TableName: 'txn', Key: { id: s('trip') } }));
    expect(trip.Item?.sold?.N).toBe(String(ok));
    const bookings = await ddb().send(new ScanCommand({ TableName: 'txn', Select: 'COUNT' }));
    expect(bookings.Count).toBe(ok + 1);
  });
});
