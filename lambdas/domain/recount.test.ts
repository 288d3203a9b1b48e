import { describe, expect, it } from 'vitest';
import { N, S, type Item } from './attributes.js';
import { counterKey, bookingKey } from './keys.js';
import { recount } from './recount.js';
import { seedItems } from './seed.js';

const trip = { id: 't1', from: 'Seoul', to: 'Busan', date: '2026-02-15', departure: '07:00', seats: 3 };
const booking = (requestId: string, status: string, seats: number): Item => ({
  id: S(bookingKey(requestId)),
  requestId: S(requestId),
  status: S(status),
  tripId: S('t1'),
  seats: N(seats),
});
const counters = (group: 'requests' | 'outcomes', shard: number, values: Record<string, number>): Item => ({
  id: S(counterKey(group, shard)),
  ...Object.fromEntries(Object.entries(values).map(([name, value]) => [name, N(value)])),
});

/** Three requests on a 3-seat trip: 2 seats confirmed, 1 seat confirmed... and one sold out. */
function consistentTable(): Item[] {
  const items = seedItems([trip]);
  items.find((item) => item.id.S === 'trip#t1')!.seatsLeft = N(0);
  return [
    ...items,
    booking('a', 'confirmed', 2),
    booking('b', 'confirmed', 1),
    booking('c', 'sold_out', 1),
    counters('requests', 0, { requests: 2 }),
    counters('requests', 7, { requests: 1 }),
    counters('outcomes', 3, { processed: 2, success: 2, confirmed: 2 }),
    counters('outcomes', 9, { processed: 1, soldOut: 1 }),
  ];
}

describe('recount', () => {
  it('recounts bookings, seats and shards, and finds nothing wrong in a consistent table', () => {
    const result = recount(consistentTable(), { drained: true });
    expect(result.violations).toEqual([]);
    expect(result.bookings).toBe(3);
    expect(result.byStatus).toEqual({ queued: 0, confirmed: 2, sold_out: 1, rejected: 0, failed: 0 });
    expect(result.confirmedSeats).toBe(3);
    expect(result.perTrip.t1).toEqual({ seats: 3, seatsLeft: 0, confirmedSeats: 3, confirmedBookings: 2, soldOutBookings: 1 });
    expect(result.counters).toMatchObject({ requests: 3, processed: 3, success: 2, confirmed: 2, soldOut: 1 });
  });

  it('reports a counter that drifted from the bookings', () => {
    const items = [...consistentTable(), counters('outcomes', 11, { processed: 1, confirmed: 1, success: 1 })];
    expect(recount(items).violations).toEqual(['counter processed is 4, expected 3', 'counter confirmed is 3, expected 2', 'counter success is 3, expected 2']);
  });

  it('reports seats taken that no confirmed booking holds, and an oversold trip', () => {
    const items = consistentTable().map((item) => (item.id.S === 'trip#t1' ? { ...item, seatsLeft: N(-1) } : item));
    expect(recount(items).violations).toEqual(['trip t1 seats taken is 4, expected 3', 'trip t1 is oversold: -1 seats left']);
  });

  it('reports queued bookings once the queue is said to be drained', () => {
    const items = [...consistentTable(), booking('d', 'queued', 1), counters('requests', 1, { requests: 1 })];
    expect(recount(items).violations).toEqual([]);
    expect(recount(items, { drained: true }).violations).toEqual(['queued bookings is 1, expected 0']);
  });
});
