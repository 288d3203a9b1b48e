import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { readNumber, readString, type Item } from '../domain/attributes.js';
import { tripKey } from '../domain/keys.js';
import type { Trip } from '../domain/trips.js';
import { batchGet } from './batch-get.js';
import type { TripCatalog } from './catalog.js';

export type TripView = Trip & { seatsLeft: number };

function tripView(item: Item): TripView {
  const text = (name: string) => readString(item, name) ?? '';
  return {
    id: text('tripId'),
    from: text('from'),
    to: text('to'),
    date: text('date'),
    departure: text('departure'),
    seats: readNumber(item, 'seats'),
    seatsLeft: readNumber(item, 'seatsLeft'),
  };
}

/** The catalog's trips among `items`, in timetable order. */
export function tripsIn(items: readonly Item[], catalog: TripCatalog): TripView[] {
  const byKey = new Map(items.map((item) => [readString(item, 'id'), item]));
  return catalog.tripIds.flatMap((tripId) => {
    const item = byKey.get(tripKey(tripId));
    return item ? [tripView(item)] : [];
  });
}

export const tripKeysOf = (catalog: TripCatalog) => catalog.tripIds.map(tripKey);

export async function readTrips(db: DynamoDBClient, table: string, catalog: TripCatalog): Promise<TripView[]> {
  return tripsIn(await batchGet(db, table, tripKeysOf(catalog)), catalog);
}
