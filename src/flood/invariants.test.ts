import { describe, expect, it } from 'vitest';
import { checkInvariants, endToEndLatency, type BookingRecord, type InvariantInput } from './invariants.js';

/** A consistent run: trip A (3 seats) sold out, trip B has seats left, one duplicate, one invalid. */
function consistent(): InvariantInput {
  const bookings: BookingRecord[] = [
    { requestId: 'r1', status: 'confirmed', tripId: 'A', seats: 2, acceptedAt: 1_000, finalAt: 1_050 },
    { requestId: 'r2', status: 'confirmed', tripId: 'A', seats: 1, acceptedAt: 1_000, finalAt: 1_100 },
    { requestId: 'r3', status: 'sold_out', tripId: 'A', seats: 1, acceptedAt: 1_010, finalAt: 1_200 },
    { requestId: 'r4', status: 'confirmed', tripId: 'B', seats: 4, acceptedAt: 1_020, finalAt: 1_400 },
  ];
  return {
    trips: [
      { tripId: 'A', capacity: 3, seatsLeft: 0 },
      { tripId: 'B', capacity: 10, seatsLeft: 6 },
    ],
    bookings,
    counters: { requests: 4, processed: 4, success: 3, confirmed: 3, soldOut: 1, rejected: 0, failed: 0 },
    accepted: bookings.map(({ requestId }, i) => ({ requestId, idempotencyKey: `k${i}` })),
    duplicates: [{ idempotencyKey: 'k0', status: 200, requestId: 'r1', originalStatus: 200, originalRequestId: 'r1' }],
    invalid: [{ kind: 'bad-json', status: 400 }],
  };
}

function failing(input: InvariantInput): string[] {
  return checkInvariants(input)
    .filter((check) => !check.pass)
    .map((check) => check.name);
}

describe('checkInvariants', () => {
  it('passes every check on consistent data', () => {
    const results = checkInvariants(consistent());
    expect(results).toHaveLength(6);
    expect(results.filter((check) => !check.pass)).toEqual([]);
  });

  it('fails "no oversell" on an oversold trip', () => {
    const input = consistent();
    input.bookings[2] = { ...input.bookings[2]!, status: 'confirmed' };
    input.trips[0]!.seatsLeft = -1;
    const results = checkInvariants(input);
    expect(results.find((check) => check.name === 'no oversell')).toMatchObject({ pass: false, detail: expect.stringContaining('A: 4 seats confirmed of 3') });
  });

  it('fails on a lost requestId (accepted, never final)', () => {
    const input = consistent();
    input.accepted.push({ requestId: 'r-lost', idempotencyKey: 'k9' });
    expect(failing(input)).toEqual(['every accepted request reached a final state']);
    input.bookings.push({ requestId: 'r-lost', status: 'queued', tripId: 'B', seats: 1 });
    expect(failing(input)).toContain('every accepted request reached a final state');
    // Parked in the DLQ is a final state.
    expect(failing({ ...input, bookings: consistent().bookings, dlqRequestIds: ['r-lost'] })).toEqual([]);
  });

  it('fails on a request in two final states, and on one key accepted under two requestIds', () => {
    const input = consistent();
    expect(failing({ ...input, dlqRequestIds: ['r4'] })).toEqual(['no request in two final states']);
    input.accepted[1] = { ...input.accepted[1]!, idempotencyKey: 'k0' };
    expect(checkInvariants(input).find((check) => check.name === 'no request in two final states')?.detail).toMatch(/k0/);
  });

  it('fails on a counter that does not match the recount', () => {
    const input = consistent();
    input.counters.confirmed = 4;
    const check = checkInvariants(input).find((c) => c.name === 'counters match the recount')!;
    expect(check.pass).toBe(false);
    expect(check.detail).toBe('confirmed counter 4, recount 3');
    const seats = consistent();
    seats.trips[1]!.seatsLeft = 5;
    expect(failing(seats)).toEqual(['counters match the recount']);
  });

  it('fails when a re-sent key got a new requestId, or an invalid request was accepted', () => {
    const input = consistent();
    input.duplicates[0]!.requestId = 'r-new';
    input.invalid.push({ kind: 'unknown-trip', status: 200 }, { kind: 'bad-json', status: 0 });
    expect(failing(input)).toEqual(['duplicates answered with the original requestId', 'invalid requests answered 4xx']);
  });

  it("measures accept-to-final latency of the run's bookings", () => {
    const input = consistent();
    const stats = endToEndLatency([...input.bookings, { requestId: 'other-run', status: 'confirmed', acceptedAt: 0, finalAt: 99_000 }], input.accepted)!;
    expect(stats.count).toBe(4);
    expect(stats.min).toBe(50);
    expect(stats.max).toBe(380);
    expect(endToEndLatency([{ requestId: 'r1', status: 'confirmed' }], input.accepted)).toBeUndefined();
  });
});
