import { GetItemCommand, UpdateItemCommand, type TransactWriteItemsCommandInput } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { Context, SQSRecord } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { BATCH_SIZE } from './domain/contract.js';
import { STATS_TICK_BODY } from './domain/message.js';
import { recountTable } from './domain/recount.js';
import { handler as consume } from './consumer.js';
import { handler as produce } from './producer.js';
import { dynamodb } from './lib/aws/dynamodb.js';
import { injectTransientFaults } from '../test/helpers/fault-injection.js';
import { apiEvent, BUCKET, REGION, postBooking, receiveRecords, sqsEvent, sqsRecord, startHarness, STATS_KEY, TABLE, type Harness } from './test/harness.js';

const trips = [
  { id: 'seoul-busan-1', from: 'Seoul', to: 'Busan', date: '2026-02-15', departure: '07:00', seats: 45 },
  { id: 'seoul-gwangju-1', from: 'Seoul', to: 'Gwangju', date: '2026-02-15', departure: '07:30', seats: 2 },
  { id: 'seoul-daejeon-1', from: 'Seoul', to: 'Daejeon', date: '2026-02-15', departure: '08:00', seats: 12 },
];

describe('consumer handler', () => {
  let h: Harness;
  /**
   * Transactions failing from outside the handler (as test/helpers/faulty-consumer.ts does), as ones past their
   * retries: while on, every one fails except the one that parks a booking as failed.
   */
  let failing = false;
  const parksAsFailed = (input: TransactWriteItemsCommandInput) => JSON.stringify(input).includes('"S":"failed"');
  beforeAll(async () => {
    h = await startHarness(trips);
    injectTransientFaults(dynamodb(REGION), (input) => failing && !parksAsFailed(input));
  });
  afterAll(() => h?.stop());
  afterEach(() => {
    failing = false;
    process.env.STATS_WRITE_INTERVAL_MS = '0';
  });

  const recount = (drained = false) => recountTable(h.cloud.clients.dynamodb, TABLE, { drained });
  const booking = async (requestId: string) => JSON.parse((await produce(apiEvent('GET', `/api/bookings/${requestId}`))).body ?? 'null');
  /** Books through the producer and hands back the enqueued messages as the consumer's records. */
  async function book(...bodies: object[]): Promise<{ ids: string[]; records: SQSRecord[] }> {
    const ids: string[] = [];
    for (const body of bodies) ids.push(JSON.parse((await produce(postBooking(body))).body!).requestId);
    return { ids, records: await receiveRecords(h) };
  }
  const readStatsFile = async () => {
    const object = await h.cloud.clients.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: STATS_KEY }));
    return { contentType: object.ContentType, cacheControl: object.CacheControl, body: JSON.parse(await object.Body!.transformToString()) };
  };

  it('confirms bookings and takes their seats, and a redelivered batch changes nothing', async () => {
    const { ids, records } = await book({ seats: 2 }, { seats: 1 }, { seats: 4 });
    expect(records).toHaveLength(3);
    expect(await consume(sqsEvent(records))).toEqual({ batchItemFailures: [] });
    for (const id of ids) expect(await booking(id)).toMatchObject({ requestId: id, status: 'confirmed', tripId: 'seoul-busan-1' });
    const after = await recount();
    expect(after.violations).toEqual([]);
    expect(after.perTrip['seoul-busan-1'].seatsLeft).toBe(38);
    expect(after.counters).toMatchObject({ requests: 3, processed: 3, success: 3, confirmed: 3 });

    expect(await consume(sqsEvent(records))).toEqual({ batchItemFailures: [] });
    expect(await recount()).toEqual(after);
  });

  it('records sold_out when too few seats are left, and never sells a seat twice', async () => {
    const { ids, records } = await book(...[1, 2, 3].map((n) => ({ tripId: 'seoul-gwangju-1', passenger: `p${n}` })));
    expect(await consume(sqsEvent(records))).toEqual({ batchItemFailures: [] });
    expect(await Promise.all(ids.map(async (id) => (await booking(id)).status))).toEqual(['confirmed', 'confirmed', 'sold_out']);
    expect((await booking(ids[2])).reason).toMatch(/fewer than 1 seats left on seoul-gwangju-1/);
    const after = await recount();
    expect(after.perTrip['seoul-gwangju-1']).toMatchObject({ seats: 2, seatsLeft: 0, confirmedSeats: 2, soldOutBookings: 1 });
    expect(after.violations).toEqual([]);

    expect(await consume(sqsEvent([...records].reverse()))).toEqual({ batchItemFailures: [] });
    expect(await recount()).toEqual(after);
  });

  it('once a trip is full, goes straight to sold_out, and still confirms when seats are added after all', async () => {
    const gwangju = 'seoul-gwangju-1';
    const full = await book(...[1, 2, 3].map((n) => ({ tripId: gwangju, passenger: `full ${n}` })));
    await consume(sqsEvent(full.records));
    expect((await recount()).perTrip[gwangju].seatsLeft).toBe(0);
    // The container now knows the trip is full; one more seat on sale must still be sold, the next one not.
    await h.cloud.clients.dynamodb.send(
      new UpdateItemCommand({
        TableName: TABLE,
        Key: { id: { S: `trip#${gwangju}` } },
        UpdateExpression: 'ADD seats :one, seatsLeft :one',
        ExpressionAttributeValues: { ':one': { N: '1' } },
      }),
    );
    const late = await book({ tripId: gwangju, passenger: 'late 1' }, { tripId: gwangju, passenger: 'late 2' });
    expect(await consume(sqsEvent(late.records))).toEqual({ batchItemFailures: [] });
    expect(await Promise.all(late.ids.map(async (id) => (await booking(id)).status))).toEqual(['confirmed', 'sold_out']);
    const after = await recount();
    expect(after.perTrip[gwangju]).toMatchObject({ seatsLeft: 0 });
    expect(after.violations).toEqual([]);
  });

  it('hands records back instead of starting them when the function is about to time out, except on their last attempt', async () => {
    const { ids, records } = await book({ seats: 1 }, { seats: 1 });
    const [early, last] = [records[0]!, sqsRecord(h, records[1]!.body, { messageId: records[1]!.messageId, receiveCount: 5 })];
    const almostOutOfTime = { awsRequestId: 'late', getRemainingTimeInMillis: () => 2_000 } as unknown as Context;
    expect(await consume(sqsEvent([early, last]), almostOutOfTime)).toEqual({ batchItemFailures: [{ itemIdentifier: early.messageId }] });
    const statuses = async () => Promise.all(ids.map(async (id) => (await booking(id)).status));
    const lastId = JSON.parse(last.body).requestId as string;
    expect(await statuses()).toEqual(ids.map((id) => (id === lastId ? 'confirmed' : 'queued')));
    expect(await consume(sqsEvent([early]))).toEqual({ batchItemFailures: [] });
    expect(await statuses()).toEqual(['confirmed', 'confirmed']);
  });

  it('rejects a bad message that names its booking, and leaves one without a requestId for the DLQ, without failing the batch', async () => {
    const { ids, records } = await book({ seats: 1 }, { seats: 1 });
    const [good, tampered] = records;
    const tamperedBody = { ...JSON.parse(tampered.body), seats: 99 };
    const garbage = sqsRecord(h, 'not json at all');
    const result = await consume(sqsEvent([good, { ...tampered, body: JSON.stringify(tamperedBody) }, garbage]));
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: garbage.messageId }] });
    const statusOf = async (id: string) => (await booking(id)).status;
    const tamperedId = tamperedBody.requestId as string;
    const goodId = ids.find((id) => id !== tamperedId)!;
    expect(await statusOf(goodId)).toBe('confirmed');
    expect(await booking(tamperedId)).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^invalid booking message: seats/) });
    expect((await recount()).violations).toEqual([]);
  });

  it('returns only the records that failed transiently, and parks them as failed on the last attempt', async () => {
    const { ids, records } = await book({ seats: 1 }, { seats: 1 });
    const before = await recount();
    failing = true;
    const result = await consume(sqsEvent(records));
    expect(result.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(records.map((r) => r.messageId).sort());
    expect(await recount()).toEqual(before);

    const lastAttempt = records.map((r) => sqsRecord(h, r.body, { messageId: r.messageId, receiveCount: 5 }));
    expect((await consume(sqsEvent(lastAttempt))).batchItemFailures).toHaveLength(2);
    for (const id of ids)
      expect(await booking(id)).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^gave up after 5 attempts: injected transient fault/) });
    const after = await recount();
    expect(after.counters.failed).toBe(before.counters.failed + 2);
    expect(after.violations).toEqual([]);
  });

  it('on its last attempt, a record whose booking an earlier delivery settled is done, not parked in the DLQ', async () => {
    const { ids, records } = await book({ seats: 1 });
    expect(await consume(sqsEvent(records))).toEqual({ batchItemFailures: [] });
    const settled = await booking(ids[0]!);
    expect(settled.status).toBe('confirmed');
    // The same message again (its first invocation died after the commit), on its last attempt, and failing.
    failing = true;
    const again = records.map((r) => sqsRecord(h, r.body, { messageId: r.messageId, receiveCount: 5 }));
    expect(await consume(sqsEvent(again))).toEqual({ batchItemFailures: [] });
    expect(await booking(ids[0]!)).toMatchObject({ status: 'confirmed' });
    expect((await recount()).violations).toEqual([]);
  });

  it('stays exact when a batch comes back after some of it committed (the environment died before answering)', async () => {
    // The two Busan bookings commit; the environment dies before the Daejeon one is tried, so all three come back.
    const { ids, records } = await book({ seats: 1 }, { seats: 2 }, { seats: 3, tripId: 'seoul-daejeon-1' });
    const before = await recount();
    expect(await consume(sqsEvent(records.slice(0, 2)))).toEqual({ batchItemFailures: [] });
    expect((await recount()).byStatus.queued).toBe(1);
    expect(await consume(sqsEvent(records))).toEqual({ batchItemFailures: [] });
    for (const id of ids) expect((await booking(id)).status).toBe('confirmed');
    const after = await recount(true);
    expect(after.violations).toEqual([]);
    expect(after.perTrip['seoul-busan-1'].confirmedSeats).toBe(before.perTrip['seoul-busan-1'].confirmedSeats + 3);
    expect(after.perTrip['seoul-daejeon-1'].confirmedSeats).toBe(before.perTrip['seoul-daejeon-1'].confirmedSeats + 3);
  });

  it('settles a batch of one trip in one transaction while it has seats for all, and again once it is full', async () => {
    const daejeon = 'seoul-daejeon-1';
    const seatsLeft = async () => (await recount()).perTrip[daejeon].seatsLeft;
    const transactions: string[] = [];
    dynamodb(REGION).middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'TransactWriteItemsCommand') transactions.push(context.commandName);
        return next(args);
      },
      { step: 'initialize', name: 'countTransactions' },
    );
    const settle = async (records: SQSRecord[]) => {
      transactions.length = 0;
      expect(await consume(sqsEvent(records))).toEqual({ batchItemFailures: [] });
      return transactions.length;
    };
    const tenBookings = () => book(...Array.from({ length: 10 }, (_, i) => ({ tripId: daejeon, passenger: `p${i}` })));
    try {
      const left = await seatsLeft();
      const fits = await book(...Array.from({ length: left - 2 }, (_, i) => ({ tripId: daejeon, passenger: `fits ${i}` })));
      expect(await settle(fits.records)).toBe(1);
      expect(await seatsLeft()).toBe(2);

      // Two seats for ten bookings: one by one, in queue order.
      const some = await tenBookings();
      expect(await settle(some.records)).toBeGreaterThan(1);
      const statuses = await Promise.all(some.ids.map(async (id) => (await booking(id)).status));
      expect(statuses).toEqual([...Array(2).fill('confirmed'), ...Array(8).fill('sold_out')]);

      const none = await tenBookings();
      expect(await settle(none.records)).toBe(1);
      for (const id of none.ids) expect(await booking(id)).toMatchObject({ status: 'sold_out', reason: `fewer than 1 seats left on ${daejeon}` });
      const after = await recount();
      expect(after.perTrip[daejeon]).toMatchObject({ seatsLeft: 0, confirmedSeats: 12 });
      expect(after.violations).toEqual([]);
    } finally {
      dynamodb(REGION).middlewareStack.remove('countTransactions');
    }
  });

  it('writes stats.json with the seed keys and the rest, not cached, matching the recount', async () => {
    const { records } = await book({ seats: 1 });
    await consume(sqsEvent(records));
    const { counters, perTrip } = await recount();
    const file = await readStatsFile();
    expect(file.contentType).toBe('application/json');
    expect(file.cacheControl).toBe('no-cache');
    expect(file.body).toMatchObject({
      ...counters,
      seatsLeft: {
        total: Object.values(perTrip).reduce((sum, trip) => sum + trip.seatsLeft, 0),
        byTrip: { 'seoul-busan-1': perTrip['seoul-busan-1'].seatsLeft, 'seoul-gwangju-1': 0, 'seoul-daejeon-1': perTrip['seoul-daejeon-1'].seatsLeft },
      },
      queueDepth: { dlq: 0 },
      updatedAt: expect.any(String),
    });
    const total = await h.cloud.clients.dynamodb.send(new GetItemCommand({ TableName: TABLE, Key: { id: { S: 'total' } } }));
    expect(total.Item).toMatchObject({
      requests: { N: String(counters.requests) },
      processed: { N: String(counters.processed) },
      success: { N: String(counters.success) },
    });
  });

  it('does not rewrite stats.json again within STATS_WRITE_INTERVAL_MS', async () => {
    const { records } = await book({ seats: 1 });
    await consume(sqsEvent(records));
    const written = (await readStatsFile()).body;
    process.env.STATS_WRITE_INTERVAL_MS = '3600000';
    const next = await book({ seats: 1 });
    await consume(sqsEvent(next.records));
    expect((await recount()).counters.processed).toBe(written.processed + 1);
    expect((await readStatsFile()).body).toEqual(written);
  });

  it('a full batch within the interval leaves one delayed stats tick, and the batch the tick comes in writes the last figures', async () => {
    // A fresh container: an earlier test's skip left a reminder pending in this one's.
    vi.resetModules();
    const { handler: consume } = await import('./consumer.js');
    const { records } = await book({ seats: 1 });
    await consume(sqsEvent(records));
    const written = (await readStatsFile()).body;
    process.env.STATS_WRITE_INTERVAL_MS = '1500';
    // Full batches do not wait for the interval (the queue is not draining): each skips the write.
    for (let i = 0; i < 2; i++) {
      const full = await book(...Array.from({ length: BATCH_SIZE }, () => ({ seats: 1, tripId: 'seoul-daejeon-1' })));
      expect(full.records).toHaveLength(BATCH_SIZE);
      expect(await consume(sqsEvent(full.records))).toEqual({ batchItemFailures: [] });
    }
    expect((await recount()).counters.processed).toBe(written.processed + 2 * BATCH_SIZE);
    expect((await readStatsFile()).body).toEqual(written);
    // Delayed until the interval has passed: not in the queue yet, then there once (the second batch left none).
    expect(await receiveRecords(h)).toEqual([]);
    let ticks: SQSRecord[] = [];
    for (let waited = 0; ticks.length === 0 && waited < 5_000; waited += 100) {
      await sleep(100);
      ticks = await receiveRecords(h);
    }
    expect(ticks.map((record) => record.body)).toEqual([STATS_TICK_BODY]);
    // The second batch's would have been due as much later as that batch came: none comes.
    await sleep(1_500);
    expect(await receiveRecords(h)).toEqual([]);
    expect(await consume(sqsEvent(ticks))).toEqual({ batchItemFailures: [] });
    const { counters } = await recount();
    expect(counters.processed).toBe(written.processed + 2 * BATCH_SIZE);
    expect((await readStatsFile()).body).toMatchObject({ processed: counters.processed, requests: counters.requests });
  });
});
