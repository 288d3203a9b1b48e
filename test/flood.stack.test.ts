import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { deployTestStack, type TestStack } from './helpers/stack.js';
import { floodStack, prepareFlood } from '../src/flood/stack.js';
import { parseFloodOptions, checkInvariants, invariantDataFromItems } from '../src/flood/index.js';
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
