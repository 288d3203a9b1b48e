import { BOOKING_PREFIX, readNumber, readString, sumCounters, TRIP_PREFIX, type Item } from '../../lambdas/domain/index.js';
import type { BookingRecord, InvariantInput, TripRecord } from './invariants.js';

/**
 * The invariant checks' table data from a scan of `aram-stats` (lambdas/domain's item layout):
 * trip items give capacity and seats left, booking items their state, counter shards the counters.
 */
export function invariantDataFromItems(items: readonly Item[]): Pick<InvariantInput, 'trips' | 'bookings' | 'counters'> {
  const trips: TripRecord[] = [];
  const bookings: BookingRecord[] = [];
  for (const item of items) {
    const id = readString(item, 'id') ?? '';
    if (id.startsWith(TRIP_PREFIX)) {
      trips.push({ tripId: id.slice(TRIP_PREFIX.length), capacity: readNumber(item, 'seats'), seatsLeft: readNumber(item, 'seatsLeft') });
    } else if (id.startsWith(BOOKING_PREFIX)) {
      const status = readString(item, 'status') ?? '';
      bookings.push({
        requestId: id.slice(BOOKING_PREFIX.length),
        status,
        tripId: readString(item, 'tripId'),
        seats: readNumber(item, 'seats'),
        acceptedAt: epochMs(item, 'acceptedAt', 'createdAt'),
        finalAt: status === 'queued' ? undefined : epochMs(item, 'finalAt', 'updatedAt'),
      });
    }
  }
  return { trips, bookings, counters: sumCounters(items) };
}

/** An epoch-ms number attribute, else the ISO time string the item carries instead. */
function epochMs(item: Item, numberName: string, isoName: string): number | undefined {
  if (item[numberName]?.N !== undefined) return readNumber(item, numberName);
  const iso = readString(item, isoName);
  const ms = iso === undefined ? NaN : Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}
