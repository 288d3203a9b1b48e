import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { deployTestStack, waitUntil, type TestStack } from './helpers/stack.js';
import { freshHome, runCli } from './helpers/cli.js';
import { floodStack, prepareFlood } from '../src/flood/stack.js';
import { parseFloodOptions, checkInvariants, invariantDataFromItems, formatSummary, type FloodReport } from '../src/flood/index.js';
import { scanTable, sumCounters, bookingKey, S, N } from '../lambdas/domain/index.js';
import type { Trip } from '../lambdas/domain/index.js';

const TRIP: Trip = { id: 'flood-test-trip', from: '서울', to: '부산', date: '2026-09-15', departure: '08:00', seats: 40 };

describe('flood against a small stack (issue 4)', () => {
  let s: TestStack;
  beforeAll(async () => {
    s = await deployTestStack({ stack: 'flood', trips: [TRIP] });
  }, 90_000);
  afterAll(() => s?.stop());

  it("the report's counts match what the stack saw, and the invariants pass", async () => {
    const options = parseFloodOptions({ requests: '300', connections: '8', duplicates: '0.05', invalid: '0.02', trip: TRIP.id, timeout: '60s' });
    const target = await prepareFlood(s.ctx, options);
    const { report, load } = await floodStack(s.ctx, target, options);

    const items = await scanTable(s.ctx.clients.dynamodb, s.ctx.names.table);
    const bookings = items.filter((i) => i.id.S!.startsWith('booking#'));
    const counters = sumCounters(items);
    // What the server saw: one booking and one request count per accepted request, none for the malformed ones.
    expect(report.load.acceptedCount).toBe(bookings.length);
    expect(counters.requests).toBe(bookings.length);
    expect(report.load.counts.sent).toBe(300);
    expect(report.load.counts.s4xx).toBe(load.invalid.length);
    expect(report.load.counts.s2xx).toBe(300 - load.invalid.length);
    expect(report.load.duplicateCount).toBe(load.duplicates.length);
    expect(counters.processed).toBe(bookings.length);
    // Far more demand than seats: the trip sells out exactly (bookings take 1-4 seats each).
    const confirmedSeats = bookings.filter((b) => b.status.S === 'confirmed').reduce((sum, b) => sum + Number(b.seats.N), 0);
    expect(confirmedSeats).toBe(TRIP.seats);
    expect(counters.confirmed).toBe(bookings.filter((b) => b.status.S === 'confirmed').length);
    expect(report.drain?.drained).toBe(true);
    expect(report.invariants.map((i) => [i.name, i.pass]).filter(([, pass]) => !pass)).toEqual([]);
    expect(report.passed).toBe(true);
    // What became of the bookings, in all and per trip flooded; the oversell line names that trip.
    const byStatus = (status: string) => bookings.filter((b) => b.status.S === status).length;
    const counts = { confirmed: byStatus('confirmed'), soldOut: byStatus('sold_out'), rejected: 0, failed: 0, queued: 0, seatsConfirmed: TRIP.seats };
    expect(report.outcomes).toEqual({ total: counts, byTrip: { [TRIP.id]: counts } });
    expect(report.invariants.find((i) => i.name === 'no oversell')?.detail).toMatch(new RegExp(`^${TRIP.seats} seats confirmed on ${TRIP.id};`));
    const summary = formatSummary(report);
    expect(summary).toContain(`${counts.confirmed} confirmed (${TRIP.seats} seats) · ${counts.soldOut} sold out · 0 rejected · 0 failed`);
    expect(summary).toMatch(new RegExp(`  ${TRIP.id}\\s+${counts.confirmed} confirmed`));
  }, 120_000);

  it("a Ctrl-C'd flood stops sending, still drains and checks what was sent, and is marked interrupted", async () => {
    const options = parseFloodOptions({ requests: '100000', rate: '50', trip: TRIP.id, timeout: '60s' });
    const target = await prepareFlood(s.ctx, options);
    const ctrlC = new AbortController();
    const { report } = await floodStack(s.ctx, target, options, { signal: ctrlC.signal, onLoad: () => ctrlC.abort() });
    const sent = report.load.counts.sent;
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(100_000);
    expect(report.end).toEqual({ state: 'interrupted', sent, planned: 100_000 });
    expect(report.drain?.drained).toBe(true);
    expect(report.invariants.length).toBeGreaterThan(0);
    expect(report.invariants.filter((i) => !i.pass)).toEqual([]);
    expect(formatSummary(report)).toContain(`interrupted after ${sent} of 100000 requests`);
  }, 120_000);

  it('the invariant check fails when a seat is oversold on purpose', async () => {
    // A confirmed booking the seat inventory never granted: one seat more than the trip has.
    await s.ctx.clients.dynamodb.send(
      new PutItemCommand({
        TableName: s.ctx.names.table,
        Item: { id: S(bookingKey('oversold-on-purpose')), requestId: S('oversold-on-purpose'), status: S('confirmed'), tripId: S(TRIP.id), seats: N(1) },
      }),
    );
    const data = invariantDataFromItems(await scanTable(s.ctx.clients.dynamodb, s.ctx.names.table));
    const results = checkInvariants({ ...data, accepted: [], duplicates: [], invalid: [] });
    const oversell = results.find((r) => r.name === 'no oversell');
    expect(oversell?.pass).toBe(false);
    expect(oversell?.detail).toMatch(new RegExp(TRIP.id));
  });
});

describe('a flood whose target dies', () => {
  let s: TestStack;
  beforeAll(async () => {
    s = await deployTestStack({ stack: 'doomed', trips: [TRIP] });
  }, 90_000);
  afterAll(() => s?.stop());

  it('stops within 15 s of the kill, prints the summary and a FAIL line, writes the reports marked aborted, exits 1', async () => {
    const reportDir = join(freshHome(), 'report');
    const port = new URL(s.t.cloud.endpoint).port;
    const run = runCli(['flood', '--local', '--port', port, '--stack', 'doomed', '--rate', '20', '--requests', '100000', '--report', reportDir], {}, 120_000);
    let ended: Awaited<typeof run> | undefined;
    void run.then((result) => (ended = result));
    await waitUntil(
      async () => {
        if (ended) throw new Error(`the flood ended before the kill (exit ${ended.code}):\n${ended.stdout}\n${ended.stderr}`);
        return sumCounters(await scanTable(s.ctx.clients.dynamodb, s.ctx.names.table)).requests >= 40 ? true : undefined;
      },
      90_000,
      200,
    );
    await s.t.stop();
    const killedAt = Date.now();
    const { code, stdout } = await run;
    // Generous: the bound is 15 s; the flood gives up after 5 s of nothing but transport errors.
    expect(Date.now() - killedAt).toBeLessThan(15_000);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^FAIL {2}target stopped answering at \d+\.\d s \((connect ECONNREFUSED|.+)\)$/m);
    expect(stdout).toMatch(/throughput/);
    const report = JSON.parse(await readFile(join(reportDir, 'report.json'), 'utf8')) as FloodReport;
    expect(report.end).toMatchObject({ state: 'aborted', reason: expect.any(String), atMs: expect.any(Number) });
    expect(report.passed).toBe(false);
    expect(await readFile(join(reportDir, 'report.html'), 'utf8')).toMatch(/FAIL<\/span> · aborted[\s\S]*target stopped answering at/);
  }, 180_000);
});
