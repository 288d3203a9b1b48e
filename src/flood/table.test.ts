import { describe, expect, it } from 'vitest';
import { bookingKey, counterKey, N, S, seedItems, type Item, type Trip } from '../../lambdas/domain/index.js';
import { invariantDataFromItems } from './table.js';
import { checkInvariants } from './invariants.js';

const trips: Trip[] = [{ id: 'seoul-busan-20260913', from: 'Seoul', to: 'Busan', date: '2026-09-13', departure: '08:00', seats: 3 }];

function booking(requestId: string, status: string, seats: number, times: Item): Item {
  return { id: S(bookingKey(requestId)), requestId: S(requestId), status: S(status), tripId: S(trips[0]!.id), seats: N(seats), ...times };
}

describe('invariantDataFromItems', () => {
  it('reads trips, bookings and summed counters from a scan of the table', () => {
    const items: Item[] = [
      ...seedItems(trips).map((item) => (item.id?.S?.startsWith('trip#') ? { ...item, seatsLeft: N(1) } : item)),
      booking('r1', 'confirmed', 2, { createdAt: S('2026-09-01T00:00:00.000Z'), updatedAt: S('2026-09-01T00:00:00.250Z') }),
      booking('r2', 'queued', 1, { acceptedAt: N(1_000), createdAt: S('2026-09-01T00:00:00.000Z') }),
      { id: S(counterKey('requests', 3)), requests: N(2) },
      { id: S(counterKey('outcomes', 7)), processed: N(1), success: N(1), confirmed: N(1) },
    ];
    const data = invariantDataFromItems(items);

    expect(data.trips).toEqual([{ tripId: trips[0]!.id, capacity: 3, seatsLeft: 1 }]);
    expect(data.bookings).toEqual([
      {
        requestId: 'r1',
        status: 'confirmed',
        tripId: trips[0]!.id,
        seats: 2,
        acceptedAt: Date.parse('2026-09-01T00:00:00.000Z'),
        finalAt: Date.parse('2026-09-01T00:00:00.250Z'),
      },
      { requestId: 'r2', status: 'queued', tripId: trips[0]!.id, seats: 1, acceptedAt: 1_000, finalAt: undefined },
    ]);
    expect(data.counters).toMatchObject({ requests: 2, processed: 1, success: 1, confirmed: 1, soldOut: 0 });

    const results = checkInvariants({
      ...data,
      accepted: [
        { requestId: 'r1', idempotencyKey: 'k1' },
        { requestId: 'r2', idempotencyKey: 'k2' },
      ],
      duplicates: [],
      invalid: [],
    });
    expect(results.filter((check) => !check.pass).map((check) => check.name)).toEqual(['every accepted request reached a final state']);
  });
});
