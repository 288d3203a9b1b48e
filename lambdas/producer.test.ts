import { GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recountTable } from './domain/recount.js';
import { dynamodb } from './lib/aws/dynamodb.js';
import { createBooking } from './lib/bookings.js';
import { CATALOG_CACHE_MS } from './lib/catalog.js';
import { apiEvent, postBooking, REGION, startHarness, TABLE, type Harness } from './test/harness.js';
import { handler } from './producer.js';

const trips = [
  { id: 'seoul-busan-1', from: 'Seoul', to: 'Busan', date: '2026-02-15', departure: '07:00', seats: 45 },
  { id: 'seoul-daegu-1', from: 'Seoul', to: 'Daegu', date: '2026-02-15', departure: '08:00', seats: 28 },
];

const SINGLE_WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand']);

async function call(event: APIGatewayProxyEventV2) {
  const res = await handler(event);
  return { status: res.statusCode, headers: res.headers, body: JSON.parse(res.body ?? 'null') };
}

describe('producer handler', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(trips);
  });
  afterAll(() => h?.stop());

  const queued = async () => {
    const { Attributes = {} } = await h.cloud.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: h.queueUrl, AttributeNames: ['All'] }));
    return Number(Attributes.ApproximateNumberOfMessages) + Number(Attributes.ApproximateNumberOfMessagesNotVisible);
  };
  const requests = async () => (await recountTable(h.cloud.clients.dynamodb, TABLE)).counters.requests;

  it("books the default trip for the seed's {} and enqueues the booking", async () => {
    const before = await queued();
    const res = await call(postBooking({}));
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({ 'content-type': 'application/json' });
    expect(res.body).toEqual({ status: 'queued', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(await queued()).toBe(before + 1);

    const booking = await call(apiEvent('GET', `/api/bookings/${res.body.requestId}`));
    expect(booking.status).toBe(200);
    expect(booking.body).toMatchObject({ requestId: res.body.requestId, status: 'queued', tripId: 'seoul-busan-1', seats: 1, passenger: 'anonymous' });

    const { Messages = [] } = await h.cloud.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: h.queueUrl, MaxNumberOfMessages: 10 }));
    expect(Messages.map((m) => JSON.parse(m.Body!))).toContainEqual({
      v: 1,
      requestId: res.body.requestId,
      tripId: 'seoul-busan-1',
      seats: 1,
      passenger: 'anonymous',
      acceptedAt: expect.any(String),
    });
  });

  it("takes curl's -d '{}' (form content type), a body without content type, and base64 bodies", async () => {
    const curl = await call(apiEvent('POST', '/api/book-bus', { body: '{}', headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
    expect(curl).toMatchObject({ status: 200, body: { status: 'queued' } });
    const bare = await call(apiEvent('POST', '/api/book-bus', { body: '{"tripId":"seoul-daegu-1","seats":2}' }));
    expect(bare).toMatchObject({ status: 200, body: { status: 'queued' } });
    const body = Buffer.from(JSON.stringify({ seats: 3, passenger: 'Kim' })).toString('base64');
    const encoded = await call(apiEvent('POST', '/api/book-bus', { body, isBase64Encoded: true, headers: { 'content-type': 'application/json' } }));
    const booking = await call(apiEvent('GET', `/api/bookings/${encoded.body.requestId}`));
    expect(booking.body).toMatchObject({ seats: 3, passenger: 'Kim' });
  });

  it.each([
    ['malformed JSON', apiEvent('POST', '/api/book-bus', { body: '{"seats":', headers: { 'content-type': 'application/json' } }), /^malformed JSON/],
    ['an unknown trip', postBooking({ tripId: 'seoul-mars-1' }), /^unknown trip 'seoul-mars-1'$/],
    ['0 seats', postBooking({ seats: 0 }), /seats must be a whole number from 1 to 4/],
    ['5 seats', postBooking({ seats: 5 }), /seats must be a whole number from 1 to 4/],
    ['a body over 8 KB', postBooking({ passenger: 'x'.repeat(9000) }), /at most 8192 are accepted/],
    ['text/xml', apiEvent('POST', '/api/book-bus', { body: '<booking/>', headers: { 'content-type': 'text/xml' } }), /cannot carry a JSON body/],
    ['a JSON array', postBooking([]), /^body must be a JSON object$/],
    ['a bad Idempotency-Key', postBooking({}, { 'idempotency-key': 'has space' }), /Idempotency-Key must be printable ASCII/],
    ['an Idempotency-Key of 20,000 characters', postBooking({}, { 'idempotency-key': 'k'.repeat(20_000) }), /Idempotency-Key must be at most 128 characters/],
  ])('answers %s with 400 and enqueues and counts nothing', async (_what, event, error) => {
    const [depthBefore, countBefore] = [await queued(), await requests()];
    const res = await call(event);
    expect(res.status).toBe(400);
    expect(res.headers).toMatchObject({ 'content-type': 'application/json' });
    expect(res.body.error).toMatch(error);
    expect([await queued(), await requests()]).toEqual([depthBefore, countBefore]);
  });

  it('answers a repeated Idempotency-Key (or requestId) with the same requestId and enqueues nothing new', async () => {
    const first = await call(postBooking({ seats: 2 }, { 'idempotency-key': 'order-42' }));
    const [depth, count] = [await queued(), await requests()];
    const again = await call(postBooking({ seats: 2 }, { 'idempotency-key': 'order-42' }));
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ status: 'queued', requestId: first.body.requestId, replayed: true });
    expect([await queued(), await requests()]).toEqual([depth, count]);

    const own = await call(postBooking({ requestId: 'client-chosen-1' }));
    const ownAgain = await call(postBooking({ requestId: 'client-chosen-1' }));
    expect([own.body.requestId, ownAgain.body.requestId, ownAgain.body.replayed]).toEqual(['client-chosen-1', 'client-chosen-1', true]);
  });

  it.each([
    ['another trip', { tripId: 'seoul-daegu-1', seats: 2 }],
    ['another seat count', { seats: 3 }],
    ['another passenger', { seats: 2, passenger: 'Park' }],
  ])('answers a used Idempotency-Key with %s 422 naming the key, and enqueues and counts nothing', async (_what, body) => {
    const first = await call(postBooking({ seats: 2 }, { 'idempotency-key': 'order-43' }));
    expect(first.status).toBe(200);
    const [depth, count] = [await queued(), await requests()];
    const conflict = await call(postBooking(body, { 'idempotency-key': 'order-43' }));
    expect(conflict.status).toBe(422);
    expect(conflict.headers).toMatchObject({ 'content-type': 'application/json' });
    expect(conflict.body.error).toMatch(/^Idempotency-Key 'order-43' was already used for a different booking/);
    expect([await queued(), await requests()]).toEqual([depth, count]);
    const booking = await call(apiEvent('GET', `/api/bookings/${first.body.requestId}`));
    expect(booking.body).toMatchObject({ tripId: 'seoul-busan-1', seats: 2, passenger: 'anonymous' });
  });

  it('replays the same booking spelled differently (default trip named, spaces around the passenger) with the original requestId', async () => {
    const first = await call(postBooking({ passenger: 'Choi' }, { 'idempotency-key': 'order-44' }));
    const again = await call(postBooking({ tripId: 'seoul-busan-1', seats: 1, passenger: '  Choi ' }, { 'idempotency-key': 'order-44' }));
    expect(again).toMatchObject({ status: 200, body: { status: 'queued', requestId: first.body.requestId, replayed: true } });
  });

  it("refuses a body requestId that names another client's booking with another body, revealing nothing of it", async () => {
    const victim = await call(postBooking({ tripId: 'seoul-daegu-1', seats: 4, passenger: 'Kim Minji', requestId: 'victim-booking-1' }));
    expect(victim.status).toBe(200);
    const [depth, count] = [await queued(), await requests()];
    const hijack = await call(postBooking({ tripId: 'seoul-daegu-1', seats: 4, passenger: 'Mallory', requestId: 'victim-booking-1' }));
    expect(hijack.status).toBe(422);
    expect(hijack.body.error).toMatch(/^requestId 'victim-booking-1' was already used for a different booking/);
    expect(JSON.stringify(hijack.body)).not.toMatch(/Kim|daegu|queued/);
    expect([await queued(), await requests()]).toEqual([depth, count]);
    const booking = await call(apiEvent('GET', '/api/bookings/victim-booking-1'));
    expect(booking.body).toMatchObject({ passenger: 'Kim Minji', seats: 4 });
  });

  it('sends the message again when a repeated request finds its booking still queued after its producer ended (it died between its two writes)', async () => {
    const acceptedAt = new Date(Date.now() - 6_000).toISOString();
    const orphan = { v: 1 as const, requestId: 'died-midway', tripId: 'seoul-daegu-1', seats: 2, passenger: 'Lee', acceptedAt };
    expect(await createBooking(dynamodb(REGION), TABLE, orphan, { shard: 0, sendBy: Date.now() - 1_000 })).toEqual({ created: true });
    const [depth, count] = [await queued(), await requests()];
    const again = await call(postBooking({ requestId: 'died-midway', tripId: 'seoul-daegu-1', seats: 2, passenger: 'Lee' }));
    expect(again.body).toEqual({ status: 'queued', requestId: 'died-midway', replayed: true });
    expect([await queued(), await requests()]).toEqual([depth + 1, count]);
    const received: unknown[] = [];
    for (let i = 0; i < 20 && !received.some((m) => (m as { requestId: string }).requestId === 'died-midway'); i++) {
      const { Messages = [] } = await h.cloud.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: h.queueUrl, MaxNumberOfMessages: 10 }));
      received.push(...Messages.map((m) => JSON.parse(m.Body!)));
    }
    expect(received).toContainEqual(orphan);
  });

  it('queues a passenger name with emoji and characters above U+FFFF exactly as sent', async () => {
    const passenger = '김민준 🚌😀 𠀋';
    const res = await call(postBooking({ passenger }));
    expect(res).toMatchObject({ status: 200, body: { status: 'queued' } });
    expect((await call(apiEvent('GET', `/api/bookings/${res.body.requestId}`))).body).toMatchObject({ passenger });
  });

  it('answers a refusal of the queue that no retry changes as a final 500 with the reason, and withdraws the booking', async () => {
    const queueUrl = process.env.QUEUE_URL;
    process.env.QUEUE_URL = `${queueUrl}-gone`;
    try {
      const countBefore = await requests();
      const res = await call(postBooking({ seats: 1 }));
      expect(res).toMatchObject({ status: 500, body: { error: expect.stringContaining('the queue refused it (QueueDoesNotExist') } });
      expect(await requests()).toBe(countBefore);
    } finally {
      process.env.QUEUE_URL = queueUrl;
    }
  });

  it('answers 404 JSON for an unknown booking and for routes it does not have', async () => {
    for (const event of [
      apiEvent('GET', '/api/bookings/nope'),
      apiEvent('GET', '/api/bookings/%E0%A4%A'),
      apiEvent('GET', '/api/book-bus'),
      apiEvent('DELETE', '/api/stats'),
      apiEvent('GET', '/'),
    ]) {
      const res = await call(event);
      expect(res.status).toBe(404);
      expect(res.headers).toMatchObject({ 'content-type': 'application/json' });
      expect(res.body.error).toEqual(expect.any(String));
    }
  });

  it('lists the trips with the seats left', async () => {
    const res = await call(apiEvent('GET', '/api/trips'));
    expect(res.status).toBe(200);
    expect(res.body.trips).toEqual(trips.map((trip) => ({ ...trip, seatsLeft: trip.seats })));
  });

  it('answers /api/stats from the counter shards, the seat items and the queues, one key per outcome', async () => {
    const res = await call(apiEvent('GET', '/api/stats'));
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('sold_out');
    expect(res.body).toMatchObject({
      requests: await requests(),
      processed: 0,
      success: 0,
      confirmed: 0,
      soldOut: 0,
      failed: 0,
      seatsLeft: { total: 73, byTrip: { 'seoul-busan-1': 45, 'seoul-daegu-1': 28 } },
      queueDepth: { total: await queued(), dlq: 0 },
    });
  });

  it('writes no fixed item per request and reads nothing per request: 100 bookings touch their own items and at most 32 counter shards', async () => {
    const client = dynamodb(REGION);
    const writes = new Map<string, number>();
    const commands: string[] = [];
    const count = (id: string | undefined) => id && writes.set(id, (writes.get(id) ?? 0) + 1);
    type Keyed = { Item?: { id: { S?: string } }; Key?: { id: { S?: string } } };
    client.middlewareStack.add(
      (next, context) => async (args) => {
        commands.push(context.commandName ?? '?');
        const input = args.input as Keyed & { TransactItems?: { Put?: Keyed; Update?: Keyed; Delete?: Keyed }[] };
        const targets =
          input.TransactItems?.map((item) => item.Put ?? item.Update ?? item.Delete) ?? (SINGLE_WRITES.has(context.commandName ?? '') ? [input] : []);
        for (const target of targets) count((target?.Item ?? target?.Key)?.id.S);
        return next(args);
      },
      { step: 'initialize', name: 'recordWrittenKeys' },
    );
    const startedAt = Date.now();
    try {
      for (let i = 0; i < 100; i++) expect((await call(postBooking({ seats: 1 }))).status).toBe(200);
    } finally {
      client.middlewareStack.remove('recordWrittenKeys');
    }
    // The only read is the trip catalog, once per cache period (a slow machine may span more than one).
    const catalogPeriods = 1 + Math.floor((Date.now() - startedAt) / CATALOG_CACHE_MS);
    const reads = commands.filter((name) => name !== 'TransactWriteItemsCommand');
    expect(reads.every((name) => name === 'GetItemCommand')).toBe(true);
    expect(reads.length).toBeLessThanOrEqual(catalogPeriods);
    const repeated = [...writes].filter(([, times]) => times > 1);
    expect([...writes.keys()].filter((id) => id.startsWith('booking#'))).toHaveLength(100);
    expect(repeated.every(([id]) => id.startsWith('counter#requests#'))).toBe(true);
    expect([...writes.keys()].filter((id) => id.startsWith('counter#')).length).toBeLessThanOrEqual(32);
    expect(Math.max(...writes.values())).toBeLessThan(25);
  });
});
