import { afterEach, describe, expect, it } from 'vitest';
import { requestIdOf, runLoad, type LoadOptions, type LoadProgress, type LoadResult } from './load.js';
import { startFakeBookingApi, type FakeBookingApi } from './testing/fake-booking-api.js';
import { REQUEST_TIMEOUT_MS } from './options.js';

const TRIPS = ['seoul-busan-0913', 'seoul-gwangju-0913'];
const N = 300;

let api: FakeBookingApi | undefined;
afterEach(async () => {
  await api?.stop();
  api = undefined;
});

function plan(overrides: Partial<LoadOptions>): LoadOptions {
  return {
    apiUrl: api!.apiUrl,
    model: 'closed',
    connections: 10,
    requests: N,
    tripIds: TRIPS,
    duplicates: 0,
    invalid: 0,
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    ...overrides,
  };
}

/** The result's counts against what the server recorded. */
function expectCountsMatchServer(result: LoadResult, server: FakeBookingApi): void {
  const byStatus = (status: number) => server.seen.filter((request) => request.status === status).length;
  expect(server.seen).toHaveLength(result.counts.sent);
  expect(result.counts.answered).toBe(result.counts.sent);
  expect(result.counts.errors).toBe(0);
  expect(result.counts.s2xx).toBe(byStatus(200));
  expect(result.counts.s4xx).toBe(byStatus(400));
  expect(result.counts.byStatus).toEqual(Object.fromEntries([...new Set(server.seen.map((r) => r.status))].map((s) => [String(s), byStatus(s)])));
  const timelineSent = result.timeline.reduce((sum, bucket) => sum + bucket.sent, 0);
  const timelineAnswers = result.timeline.reduce((sum, bucket) => sum + bucket.s2xx + bucket.s4xx, 0);
  expect(timelineSent).toBe(result.counts.sent);
  expect(timelineAnswers).toBe(result.counts.answered);
  expect(result.latency.corrected.count).toBe(result.counts.answered);
  expect(result.latency.uncorrected.count).toBe(result.counts.answered);
  expect(result.latency.corrected.max).toBeGreaterThanOrEqual(result.latency.corrected.p50);
}

describe('runLoad', () => {
  it('closed model: N requests, every one seen by the server, accepted ids are the ones the server gave', async () => {
    api = await startFakeBookingApi(TRIPS);
    const result = await runLoad(plan({ model: 'closed', connections: 8 }));

    expect(result.counts.sent).toBe(N);
    expectCountsMatchServer(result, api);
    expect(result.counts.s2xx).toBe(N);
    const given = new Set(api.seen.map((request) => request.requestId));
    expect(result.accepted).toHaveLength(N);
    for (const { requestId, idempotencyKey } of result.accepted) {
      expect(given.has(requestId)).toBe(true);
      expect(api.seen.find((request) => request.requestId === requestId)?.idempotencyKey).toBe(idempotencyKey);
    }
    expect(new Set(api.seen.map((request) => JSON.parse(request.body).tripId))).toEqual(new Set(TRIPS));
    expect(result.throughput.targetReached).toBeUndefined();
  });

  it('open model: N requests at a fixed rate, latency from the intended send time is never below the uncorrected one', async () => {
    api = await startFakeBookingApi(TRIPS);
    const result = await runLoad(plan({ model: 'open', rate: 1_000, connections: 20 }));

    expect(result.counts.sent).toBe(N);
    expectCountsMatchServer(result, api);
    expect(result.latency.corrected.max).toBeGreaterThanOrEqual(result.latency.uncorrected.max);
    expect(result.throughput.targetRate).toBe(1_000);
    expect(typeof result.throughput.targetReached).toBe('boolean');
  });

  it('open model: a slow API with too few sockets is reported as "target rate not reached"', async () => {
    api = await startFakeBookingApi(TRIPS, 20);
    // One socket and 20 ms per answer: at most ~50 req/s can leave, 500 req/s were asked.
    const result = await runLoad(plan({ model: 'open', rate: 500, connections: 1, requests: 30 }));

    expect(result.throughput.targetReached).toBe(false);
    expect(result.warnings.join()).toMatch(/target rate not reached/);
    // Queueing behind the busy socket shows in the corrected latency, not in the uncorrected one.
    expect(result.latency.corrected.p99).toBeGreaterThan(result.latency.uncorrected.p99 * 2);
  });

  it('duplicates and invalid fractions are honoured and answered as the API answers them', async () => {
    api = await startFakeBookingApi(TRIPS);
    const result = await runLoad(plan({ duplicates: 0.1, invalid: 0.05 }));

    expectCountsMatchServer(result, api);
    expect(result.mix).toEqual({ valid: N - 30 - 15, duplicate: 30, invalid: 15 });
    expect(result.invalid).toHaveLength(15);
    expect(result.invalid.every((answer) => answer.status === 400)).toBe(true);
    expect(new Set(result.invalid.map((answer) => answer.kind))).toEqual(new Set(['bad-json', 'seats-out-of-range', 'unknown-trip']));
    expect(result.counts.s4xx).toBe(15);

    expect(result.duplicates).toHaveLength(30);
    const keys = new Set(api.seen.filter((request) => request.status === 200).map((request) => request.idempotencyKey));
    for (const duplicate of result.duplicates) {
      expect(keys.has(duplicate.idempotencyKey)).toBe(true);
      expect(duplicate.status).toBe(200);
      expect(duplicate.requestId).toBe(duplicate.originalRequestId);
    }
    // A re-sent key creates no new booking: accepted ids are one per valid request.
    expect(result.accepted).toHaveLength(N - 30 - 15);
  });

  it('a duration bound stops sending and ticks report progress once a second', async () => {
    api = await startFakeBookingApi(TRIPS);
    const ticks: LoadProgress[] = [];
    const result = await runLoad(plan({ model: 'open', rate: 200, requests: undefined, durationMs: 1_200 }), (tick) => ticks.push(tick));

    expect(result.counts.sent).toBe(240);
    expectCountsMatchServer(result, api);
    expect(ticks.length).toBeGreaterThanOrEqual(1);
    expect(ticks[0]!.sent).toBeGreaterThan(0);
    // Progress only grows, tick after tick (how many ticks fit depends on the machine's load).
    expect(ticks.every((tick, i) => i === 0 || tick.sent >= ticks[i - 1]!.sent)).toBe(true);
  });

  it('connection errors are counted as errors, not answers', async () => {
    api = await startFakeBookingApi(TRIPS);
    const options = plan({ requests: 5, connections: 2 });
    await api.stop();
    api = undefined;
    const result = await runLoad(options);

    expect(result.counts.errors).toBe(5);
    expect(result.counts.answered).toBe(0);
    expect(Object.keys(result.counts.errorsByCode)).toContain('ECONNREFUSED');
    expect(result.accepted).toEqual([]);
  });

  it('an abort signal stops the run early', async () => {
    api = await startFakeBookingApi(TRIPS);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const result = await runLoad({ ...plan({ model: 'open', rate: 100, requests: undefined, durationMs: 60_000 }), signal: controller.signal });

    expect(result.counts.sent).toBeLessThan(100);
    expectCountsMatchServer(result, api);

    const already = await runLoad({ ...plan({}), signal: AbortSignal.abort() });
    expect(already.counts.sent).toBe(0);
  });

  it('reads the requestId of an answer however it is spaced', () => {
    expect(requestIdOf('{"status":"queued","requestId":"abc-1"}')).toBe('abc-1');
    expect(requestIdOf('{ "status": "queued", "requestId": "abc-2" }')).toBe('abc-2');
    expect(requestIdOf('{"status":"queued"}')).toBeUndefined();
    expect(requestIdOf('{"requestId": 42}')).toBeUndefined();
    expect(requestIdOf('not json "requestId"')).toBeUndefined();
  });
});
