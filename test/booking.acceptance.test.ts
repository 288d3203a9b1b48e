import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FilterLogEventsCommand, type FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { ReceiveMessageCommand, SetQueueAttributesCommand, type Message } from '@aws-sdk/client-sqs';
import { deployTestStack, type TestStack } from './helpers/stack.js';
import { faultyConsumerBundle } from './helpers/faults.js';
import { FAULT_ENV, INJECTED_TRANSIENT_FAULT, INJECTED_TRANSIENT_FAULT_NAME } from './helpers/fault-injection.js';
import { checkInvariants, followDrain, invariantDataFromItems, type AcceptedRequest, type DuplicateAnswer, type InvalidAnswer } from '../src/flood/index.js';
import { drainProbe } from '../src/flood/stack.js';
import { SETTINGS } from '../src/stack/config.js';
import { BOOKING_PREFIX, readString, recount, requestIdFromKey, scanTable, type Trip } from '../lambdas/domain/index.js';

/**
 * Issue 3's acceptance, through the whole stack (`bus-cli up` on the embedded cloud): 2,000 concurrent
 * booking requests for a 300-seat trip, some re-sent with the same Idempotency-Key, some malformed;
 * after the queue drains the table must hold exactly 300 confirmed seats and nothing counted twice,
 * also when the consumer is made to fail and to crash after its commits.
 */

const TRIP: Trip = { id: 'acceptance-300', from: '서울', to: '부산', date: '2026-09-24', departure: '07:00', seats: 300 };
const TOTAL_REQUESTS = 2_000;
const CONNECTIONS = 50;
/** Every 13th request is malformed (~150), every 10th valid one is re-sent right away, so both copies are in flight together. */
const MALFORMED_EVERY = 13;
const DUPLICATE_EVERY = 10;
/** Keys re-sent once the flood is answered, while the queue is still draining. */
const LATER_DUPLICATES = 100;
/** Bookings read back one by one through GET /api/bookings/{id}. */
const BOOKINGS_SAMPLED = 60;
const REQUEST_TIMEOUT_MS = 30_000;
/** A client's retries of a 5xx (or unanswered) request, with the same Idempotency-Key. */
const MAX_ATTEMPTS = 5;
const RETRY_PAUSE_MS = 200;
const DRAIN_TIMEOUT_MS = 120_000;
const DRAIN_SAMPLE_MS = 1_000;
const TEST_TIMEOUT_MS = 240_000;
const DEPLOY_TIMEOUT_MS = 120_000;
/**
 * Redelivery run: a failed record or batch comes back after the visibility timeout, so the queue's is
 * lowered from 60 s to the function timeout (the least Lambda accepts) to keep the run short.
 * No record is failed 5 times (its last attempt): its third and later deliveries meet no transient fault
 * (test/helpers/faulty-consumer.ts), and a crash comes after the commits.
 */
/** Per consumer transaction: a record fails when its trip's group and then its own transaction both fail (~4%). */
const TRANSIENT_RATE = 0.2;
/** Per consumer invocation: the environment dies after its commits, and the whole batch comes back. */
const CRASH_RATE = 0.05;
const FINAL = new Set(['confirmed', 'sold_out', 'rejected', 'failed']);

type Kind = 'valid' | 'duplicate' | 'malformed';

interface PlannedRequest {
  kind: Kind;
  /** The Idempotency-Key sent; a malformed request carries one too, so we can look for its booking. */
  key: string;
  body: string;
  headers: Record<string, string>;
  malformed?: string;
}

interface Answer {
  status: number;
  body: { status?: string; requestId?: string; replayed?: boolean; error?: string };
}

const JSON_TYPE = { 'content-type': 'application/json' };
const booking = (passenger: string, extra: Record<string, unknown> = {}) => JSON.stringify({ tripId: TRIP.id, seats: 1, passenger, ...extra });

/** Every way the producer must refuse a request (400, nothing booked, nothing enqueued). */
const MALFORMED: Record<string, (key: string) => Pick<PlannedRequest, 'body' | 'headers'>> = {
  'bad-json': (key) => ({ body: '{"tripId":', headers: { ...JSON_TYPE, 'idempotency-key': key } }),
  'not-an-object': (key) => ({ body: '[1]', headers: { ...JSON_TYPE, 'idempotency-key': key } }),
  'zero-seats': (key) => ({ body: booking('p', { seats: 0 }), headers: { ...JSON_TYPE, 'idempotency-key': key } }),
  'five-seats': (key) => ({ body: booking('p', { seats: 5 }), headers: { ...JSON_TYPE, 'idempotency-key': key } }),
  'half-a-seat': (key) => ({ body: booking('p', { seats: 1.5 }), headers: { ...JSON_TYPE, 'idempotency-key': key } }),
  'unknown-trip': (key) => ({ body: booking('p', { tripId: 'no-such-trip' }), headers: { ...JSON_TYPE, 'idempotency-key': key } }),
  'bad-trip-id': (key) => ({ body: booking('p', { tripId: '../trips' }), headers: { ...JSON_TYPE, 'idempotency-key': key } }),
  'blank-passenger': (key) => ({ body: booking('   '), headers: { ...JSON_TYPE, 'idempotency-key': key } }),
  'bad-request-id': (key) => ({ body: booking('p', { requestId: 'has space' }), headers: { ...JSON_TYPE, 'idempotency-key': key } }),
  'xml-content-type': (key) => ({ body: booking('p'), headers: { 'content-type': 'text/xml', 'idempotency-key': key } }),
  'body-over-8-kb': (key) => ({ body: booking('p', { padding: 'x'.repeat(8 * 1024) }), headers: { ...JSON_TYPE, 'idempotency-key': key } }),
  'bad-idempotency-key': () => ({ body: booking('p'), headers: { ...JSON_TYPE, 'idempotency-key': 'has space' } }),
};
const MALFORMED_KINDS = Object.keys(MALFORMED);

/** The run's requests in sending order: valid ones, each 10th followed by its twin, and malformed ones spread evenly. */
function planRequests(runId: string): PlannedRequest[] {
  const planned: PlannedRequest[] = [];
  let valid = 0;
  let malformed = 0;
  while (planned.length < TOTAL_REQUESTS) {
    if (planned.length % MALFORMED_EVERY === MALFORMED_EVERY - 1) {
      const kind = MALFORMED_KINDS[malformed % MALFORMED_KINDS.length]!;
      const key = `${runId}-bad-${malformed++}`;
      planned.push({ kind: 'malformed', key, malformed: kind, ...MALFORMED[kind]!(key) });
      continue;
    }
    const key = `${runId}-${valid}`;
    const request: PlannedRequest = { kind: 'valid', key, body: booking(`passenger ${valid}`), headers: { ...JSON_TYPE, 'idempotency-key': key } };
    planned.push(request);
    if (++valid % DUPLICATE_EVERY === 0 && planned.length < TOTAL_REQUESTS) planned.push({ ...request, kind: 'duplicate' });
  }
  return planned;
}

async function post(url: string, request: PlannedRequest): Promise<Answer> {
  try {
    const res = await fetch(url, { method: 'POST', headers: request.headers, body: request.body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await res.text();
    try {
      return { status: res.status, body: JSON.parse(text) as Answer['body'] };
    } catch {
      return { status: res.status, body: { error: `not JSON: ${text.slice(0, 200)}` } };
    }
  } catch (err) {
    return { status: 0, body: { error: (err as Error).message } };
  }
}

/** As a client that honours its Idempotency-Key: a 5xx or no answer is retried with the same key, after a pause. */
async function postRetrying(url: string, request: PlannedRequest): Promise<Answer & { attempts: number }> {
  for (let attempts = 1; ; attempts++) {
    const answer = await post(url, request);
    if ((answer.status > 0 && answer.status < 500) || attempts === MAX_ATTEMPTS) return { ...answer, attempts };
    await sleep(RETRY_PAUSE_MS * attempts);
  }
}

/** Sends every request over `connections` concurrent workers; answers come back in the plan's order. */
async function sendAll(url: string, requests: readonly PlannedRequest[], connections: number): Promise<(Answer & { attempts: number })[]> {
  const answers: (Answer & { attempts: number })[] = new Array(requests.length);
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const index = next++;
      answers[index] = await postRetrying(url, requests[index]!);
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  return answers;
}

/** A function's log messages matching a text pattern (CloudWatch Logs' filter syntax). */
async function functionLog(s: TestStack, fn: 'producer' | 'consumer', pattern: string): Promise<string[]> {
  const events: FilteredLogEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await s.ctx.clients.logs.send(
      new FilterLogEventsCommand({ logGroupName: `/aws/lambda/${s.ctx.names[fn]}`, filterPattern: pattern, nextToken }),
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events.map((e) => e.message ?? '');
}

/** A function's own JSON lines matching a pattern (the runtime prefixes each with time, request id and level). */
async function jsonLines(s: TestStack, fn: 'producer' | 'consumer', pattern: string): Promise<Record<string, unknown>[]> {
  return (await functionLog(s, fn, pattern)).filter((m) => m.includes('{')).map((m) => JSON.parse(m.slice(m.indexOf('{'))) as Record<string, unknown>);
}

interface RunNumbers {
  accepted: number;
  /** Requests sent again by the client after a 5xx or no answer. */
  retries: number;
  /** Messages the producer sent again for a booking still queued after its first invocation ended. */
  resent: number;
  confirmed: number;
  soldOut: number;
  floodMs: number;
  drainMs: number;
  /** Records settled, a redelivered one each time. */
  deliveries: number;
  /** Consumer invocations that ran out of time, and records handed back to avoid that. */
  timeouts: number;
  deferred: number;
  /** Messages in the DLQ at the end, each explained by injected faults (checked). */
  deadLettered: number;
}

/** The consumer's line for each delivery of a record: how it ended (DONE: the message was to be deleted). */
const DONE = ['record settled', 'record failed on its last attempt, but its booking is already final: done'];
const DELIVERY_LINES = new Set([...DONE, 'record failed, returning it to the queue', 'record failed for the last time, parking it in the DLQ']);

/**
 * The DLQ's messages that injected faults do not explain. A message lands there after maxReceiveCount deliveries
 * that did not delete it; with faults forced, that happens by chance (a record back alone goes through its own
 * transaction, failed at TRANSIENT_RATE, and an environment dies after CRASH_RATE of its batches). It is explained
 * when each of its logged deliveries ended in an injected fault (a transient failure, or a settle in an
 * invocation that then exited) and there were at least maxReceiveCount of them: anything else (a delivery that
 * failed for another reason, one never logged, a timeout) is a real defect and is listed, with its log lines.
 */
async function unexplainedDeadLetters(s: TestStack, dlqUrl: string, depth: number): Promise<string[]> {
  const messages = new Map<string, Message>();
  for (let i = 0; i < 20 && messages.size < depth; i++) {
    const { Messages = [] } = await s.ctx.clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'], VisibilityTimeout: 0 }),
    );
    for (const m of Messages) messages.set(m.MessageId!, m);
  }
  const exited = new Set((await functionLog(s, 'consumer', '"Runtime exited with error"')).flatMap((line) => /RequestId: (\S+) Error/.exec(line)?.[1] ?? []));
  const unexplained: string[] = [];
  for (const m of messages.values()) {
    const bookingId = (JSON.parse(m.Body ?? '{}') as { requestId?: string }).requestId ?? '?';
    const lines = (await jsonLines(s, 'consumer', `"${bookingId}"`)).filter((l) => l.bookingId === bookingId && 'attempt' in l);
    const own = lines.some((l) => l.messageId === m.MessageId) ? lines.filter((l) => l.messageId === m.MessageId) : lines;
    // A delivery ended in an injected fault: settled, then its environment died; or failed by an injected fault
    // (the last failure says so in `reason`). Any other line about the record (marking it failed) failed by one too.
    const injected = (l: Record<string, unknown>) => (l.error as { name?: string } | undefined)?.name === INJECTED_TRANSIENT_FAULT_NAME;
    const faulted = (l: Record<string, unknown>) =>
      DONE.includes(String(l.message))
        ? exited.has(String(l.requestId))
        : l.message === 'record failed, returning it to the queue'
          ? injected(l)
          : String(l.reason).endsWith(`: ${INJECTED_TRANSIENT_FAULT}`);
    const deliveries = own.filter((l) => DELIVERY_LINES.has(String(l.message)));
    const others = own.filter((l) => !DELIVERY_LINES.has(String(l.message)));
    if (deliveries.length < SETTINGS.maxReceiveCount || !deliveries.every(faulted) || !others.every(injected)) {
      unexplained.push(`${bookingId} (received ${m.Attributes?.ApproximateReceiveCount} times):\n    ${own.map((l) => JSON.stringify(l)).join('\n    ')}`);
    }
  }
  return unexplained;
}

/** Floods the stack, waits for the drain and checks every promise of issue 3 on the table, the API and the consumer's logs. */
async function floodAndCheck(s: TestStack, label: string): Promise<RunNumbers> {
  const { apiUrl, queueUrl, dlqUrl } = s.ctx.outputs;
  const bookUrl = `${apiUrl}/api/book-bus`;
  const plan = planRequests(`acc-${label}`);
  const floodStart = Date.now();
  const answers = await sendAll(bookUrl, plan, CONNECTIONS);
  const floodMs = Date.now() - floodStart;

  // Malformed: 400 with a reason, never a requestId.
  const malformed = plan.flatMap((request, i) => (request.kind === 'malformed' ? [{ request, answer: answers[i]! }] : []));
  expect(
    malformed
      .filter(({ answer }) => answer.status !== 400 || typeof answer.body.error !== 'string')
      .map(({ request, answer }) => `${request.malformed}: ${answer.status}`),
  ).toEqual([]);
  expect(new Set(malformed.map(({ request }) => request.malformed)).size).toBe(MALFORMED_KINDS.length);

  // Valid and duplicate: 200 queued under the key's requestId; at most one answer per key created the booking
  // (none when the attempt that created it was answered 5xx and the retry found it).
  const wellFormed = plan.flatMap((request, i) => (request.kind === 'malformed' ? [] : [{ request, answer: answers[i]! }]));
  expect(
    wellFormed.filter(({ answer }) => answer.status !== 200).map(({ request, answer }) => `${request.key}: ${answer.status} ${answer.body.error ?? ''}`),
  ).toEqual([]);
  expect(wellFormed.filter(({ request, answer }) => answer.body.status !== 'queued' || answer.body.requestId !== requestIdFromKey(request.key))).toEqual([]);
  const creations = new Map<string, number>();
  for (const { request, answer } of wellFormed) creations.set(request.key, (creations.get(request.key) ?? 0) + (answer.body.replayed ? 0 : 1));
  expect([...creations].filter(([, created]) => created > 1)).toEqual([]);
  const accepted: AcceptedRequest[] = [...creations.keys()].map((key) => ({ requestId: requestIdFromKey(key), idempotencyKey: key }));
  const answerOf = new Map(wellFormed.map(({ request, answer }) => [request, answer]));
  const duplicates: DuplicateAnswer[] = plan.flatMap((request, i) => {
    if (request.kind !== 'duplicate') return [];
    const original = plan[i - 1]!;
    return [
      {
        idempotencyKey: request.key,
        status: answers[i]!.status,
        requestId: answers[i]!.body.requestId,
        originalStatus: answerOf.get(original)!.status,
        originalRequestId: answerOf.get(original)!.body.requestId,
      },
    ];
  });
  expect(duplicates.length).toBeGreaterThan(100);

  // The same keys again, later: the same requestId, replayed, no second booking.
  const later = accepted.filter((_, i) => i % Math.floor(accepted.length / LATER_DUPLICATES) === 0).slice(0, LATER_DUPLICATES);
  const laterPlan = later.map(({ idempotencyKey }) => plan.find((request) => request.key === idempotencyKey)!);
  const laterAnswers = await sendAll(bookUrl, laterPlan, CONNECTIONS);
  expect(laterAnswers.filter((answer, i) => answer.status !== 200 || !answer.body.replayed || answer.body.requestId !== later[i]!.requestId)).toEqual([]);

  const drain = await followDrain(
    drainProbe(
      s.ctx,
      { apiUrl: apiUrl!, queueUrl: queueUrl!, dlqUrl: dlqUrl!, tripIds: [TRIP.id] },
      accepted.map((a) => a.requestId),
    ),
    { timeoutMs: DRAIN_TIMEOUT_MS, intervalMs: DRAIN_SAMPLE_MS, expectedFinal: accepted.length },
  );
  // Nothing in the DLQ but what injected faults explain (none without faults), each listed with its log lines:
  // also when the drain did not end (a dead-lettered booking that is not final keeps it from ending).
  const dlqDepth = drain.timeline.at(-1)?.dlqDepth ?? 0;
  const unexplained = dlqDepth ? await unexplainedDeadLetters(s, dlqUrl!, dlqDepth) : [];
  expect(drain.drained, `drain: ${JSON.stringify(drain.timeline.at(-1))}\n${unexplained.join('\n')}`).toBe(true);
  expect(unexplained).toEqual([]);

  // The table: exactly 300 seats confirmed, the rest sold out, counters equal to the recount.
  const items = await scanTable(s.ctx.clients.dynamodb, s.ctx.names.table);
  const tally = recount(items, { drained: true });
  expect(tally.violations).toEqual([]);
  expect(tally.byStatus).toEqual({ queued: 0, confirmed: TRIP.seats, sold_out: accepted.length - TRIP.seats, rejected: 0, failed: 0 });
  expect(tally.perTrip[TRIP.id]).toMatchObject({ seats: TRIP.seats, seatsLeft: 0, confirmedSeats: TRIP.seats });
  expect(tally.counters.requests).toBe(accepted.length);
  expect(tally.counters.processed).toBe(accepted.length);
  // checkInvariants reads only the status of a malformed request's answer.
  const invalid: InvalidAnswer[] = malformed.map(({ answer }) => ({ kind: 'bad-json', status: answer.status }));
  const failed = checkInvariants({ ...invariantDataFromItems(items), accepted, duplicates, invalid }).filter((result) => !result.pass);
  expect(failed).toEqual([]);

  // Bookings exist for the accepted requests and for nothing else (no malformed request got one).
  const bookingIds = items
    .map((item) => readString(item, 'id')!)
    .filter((id) => id.startsWith(BOOKING_PREFIX))
    .map((id) => id.slice(BOOKING_PREFIX.length));
  expect(bookingIds.sort()).toEqual(accepted.map((a) => a.requestId).sort());
  const statusOf = new Map(items.map((item) => [readString(item, 'requestId'), readString(item, 'status')]));

  // The API agrees with the table for a sample, and knows no booking of a malformed request.
  const sample = accepted.filter((_, i) => i % Math.floor(accepted.length / BOOKINGS_SAMPLED) === 0);
  for (const { requestId } of sample) {
    const res = await fetch(`${apiUrl}/api/bookings/${requestId}`);
    const view = (await res.json()) as { requestId: string; status: string; tripId: string; seats: number };
    expect(res.status).toBe(200);
    expect(view).toMatchObject({ requestId, tripId: TRIP.id, seats: 1, status: statusOf.get(requestId) });
    expect(FINAL.has(view.status)).toBe(true);
  }
  for (const { request } of malformed.slice(0, MALFORMED_KINDS.length)) {
    expect((await fetch(`${apiUrl}/api/bookings/${requestIdFromKey(request.key)}`)).status).toBe(404);
  }
  const stats = (await (await fetch(`${apiUrl}/api/stats`)).json()) as Record<string, unknown>;
  expect(stats).toMatchObject({ requests: accepted.length, processed: accepted.length, confirmed: TRIP.seats, soldOut: accepted.length - TRIP.seats });

  // The queue carried bookings for the accepted requests and no others (none for a malformed one; besides them
  // only the consumer's stats ticks, which settle nothing): every record the consumer ever settled names an
  // accepted booking. A retry that found its booking still queued
  // after its first invocation ended sent the message again (the producer logs that).
  const settledLines = await jsonLines(s, 'consumer', '"record settled"');
  expect([...new Set(settledLines.map((line) => line.bookingId))].sort()).toEqual(accepted.map((a) => a.requestId).sort());
  const resent = (await jsonLines(s, 'producer', '"message sent again"')).length;

  const batches = await jsonLines(s, 'consumer', '"batch settled"');
  const numbers: RunNumbers = {
    accepted: accepted.length,
    retries: [...answers, ...laterAnswers].reduce((sum, answer) => sum + answer.attempts - 1, 0),
    resent,
    confirmed: tally.byStatus.confirmed,
    soldOut: tally.byStatus.sold_out,
    floodMs,
    drainMs: drain.drainMs,
    deliveries: settledLines.length,
    timeouts: (await functionLog(s, 'consumer', '"Task timed out"')).length,
    deferred: batches.reduce((sum, line) => sum + Number(line.deferred ?? 0), 0),
    deadLettered: dlqDepth,
  };
  console.log(`[acceptance ${label}] ${JSON.stringify(numbers)}`);
  return numbers;
}

/** Debug logs give one 'record settled' line per delivery, the evidence of what the queue carried. */
const CONSUMER_DEBUG = { LOG_LEVEL: 'debug' };

describe('issue 3 acceptance: 2,000 requests for 300 seats through the whole stack', () => {
  let s: TestStack;
  beforeAll(async () => {
    s = await deployTestStack({ stack: 'accept', trips: [TRIP], extraEnv: { producer: {}, consumer: CONSUMER_DEBUG } });
  }, DEPLOY_TIMEOUT_MS);
  afterAll(() => s?.stop());

  it(
    'confirms exactly 300, answers malformed requests 400 without enqueuing them, books each key once',
    async () => {
      await floodAndCheck(s, 'plain');
    },
    TEST_TIMEOUT_MS,
  );
});

describe('issue 3 acceptance with redelivery forced (transient failures, crashes after commit)', () => {
  let s: TestStack;
  beforeAll(async () => {
    s = await deployTestStack({
      stack: 'redeliver',
      trips: [TRIP],
      // The real consumer wrapped from outside (test/helpers/faulty-consumer.ts): no fault code in the production path.
      code: { consumer: await faultyConsumerBundle() },
      extraEnv: {
        producer: {},
        consumer: { ...CONSUMER_DEBUG, [FAULT_ENV.transientRate]: String(TRANSIENT_RATE), [FAULT_ENV.crashRate]: String(CRASH_RATE) },
      },
    });
    await s.ctx.clients.sqs.send(
      new SetQueueAttributesCommand({ QueueUrl: s.ctx.outputs.queueUrl, Attributes: { VisibilityTimeout: String(SETTINGS.functionTimeoutSeconds) } }),
    );
  }, DEPLOY_TIMEOUT_MS);
  afterAll(() => s?.stop());

  it(
    'gives the same exact results although records are retried and whole batches redelivered after their commits',
    async () => {
      const numbers = await floodAndCheck(s, 'redelivered');
      // The faults did fire: records came back after a transient failure, and committed ones after a crash.
      const transient = await jsonLines(s, 'consumer', `"${INJECTED_TRANSIENT_FAULT}"`);
      const settled = await jsonLines(s, 'consumer', '"record settled"');
      const redeliveredAfterCommit = settled.filter((line) => line.result === 'duplicate');
      console.log(`[acceptance redelivered] transient failures ${transient.length}, committed records redelivered ${redeliveredAfterCommit.length}`);
      expect(transient.length).toBeGreaterThan(0);
      expect(redeliveredAfterCommit.length).toBeGreaterThan(0);
      expect(numbers.deliveries).toBeGreaterThan(numbers.accepted);
    },
    TEST_TIMEOUT_MS,
  );
});
