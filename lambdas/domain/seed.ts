import { N, S, type Item } from './attributes.js';
import { CATALOG_ID, TOTAL_ID, tripKey } from './keys.js';
import { defaultTrips, type Trip } from './trips.js';

/** A trip's item: its timetable entry and the seat inventory the consumer's transactions take from. */
export function tripItem(trip: Trip): Item {
  return {
    id: S(tripKey(trip.id)),
    tripId: S(trip.id),
    from: S(trip.from),
    to: S(trip.to),
    date: S(trip.date),
    departure: S(trip.departure),
    seats: N(trip.seats),
    seatsLeft: N(trip.seats),
  };
}

/** The trip list in timetable order; the first trip is the one `{}` books. */
export function catalogItem(trips: readonly Trip[]): Item {
  return { id: S(CATALOG_ID), tripIds: { L: trips.map((trip) => S(trip.id)) } };
}

/** The seed's item, kept for anything that reads it; the consumer's stats flush keeps it up to date. */
export function totalItem(): Item {
  return { id: S(TOTAL_ID), requests: N(0), processed: N(0), success: N(0) };
}

/**
 * Items `up` puts with `attribute_not_exists(id)` so a re-run never resets seats or counts.
 * Counter shards are not seeded: the first ADD creates them. To switch an existing table to a new
 * trips file, put `catalogItem(trips)` unconditionally as well.
 */
export function seedItems(trips: readonly Trip[] = defaultTrips): Item[] {
  return [totalItem(), catalogItem(trips), ...trips.map(tripItem)];
}
