import { describe, expect, it } from 'vitest';
import { defaultTrips, parseTripsFile, TripSchema, TripsFileError } from './trips.js';
import { seedItems } from './seed.js';
import { CATALOG_ID, TOTAL_ID, tripKey } from './keys.js';

const trip = { id: 'seoul-busan-1', from: 'Seoul', to: 'Busan', date: '2026-02-15', departure: '07:00', seats: 2 };

describe('trips', () => {
  it('ships a valid default timetable from Seoul to Busan, Gwangju and Daegu', () => {
    for (const t of defaultTrips) expect(TripSchema.parse(t)).toEqual(t);
    expect(new Set(defaultTrips.map((t) => t.to))).toEqual(new Set(['Busan', 'Gwangju', 'Daegu']));
    expect(new Set(defaultTrips.map((t) => t.id)).size).toBe(defaultTrips.length);
  });

  it('parses a trips file given as a list or as {trips: [...]}', () => {
    expect(parseTripsFile(JSON.stringify([trip]))).toEqual([trip]);
    expect(parseTripsFile(JSON.stringify({ trips: [trip] }))).toEqual([trip]);
  });

  it('says what is wrong and where', () => {
    expect(() => parseTripsFile('{not json')).toThrow(/trips file is not valid JSON/);
    expect(() => parseTripsFile('[]')).toThrow(/needs at least one trip/);
    const bad = [trip, { ...trip, seats: 0 }, { ...trip, id: 'x y', date: '15/02/2026' }];
    let error: unknown;
    try {
      parseTripsFile(JSON.stringify(bad));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(TripsFileError);
    const message = (error as Error).message;
    expect(message).toMatch(/trips\[1\]\.id: duplicate trip id 'seoul-busan-1'/);
    expect(message).toMatch(/trips\[1\]\.seats: /);
    expect(message).toMatch(/trips\[2\]\.id: must be 1-64 letters/);
    expect(message).toMatch(/trips\[2\]\.date: must be a date like 2026-02-15/);
  });
});

describe('seedItems', () => {
  it('holds the seed total item, the catalog in order, and one trip item with full inventory per trip', () => {
    const items = seedItems([trip, { ...trip, id: 'seoul-daegu-1', seats: 45 }]);
    const byId = new Map(items.map((item) => [item.id.S, item]));
    expect(byId.get(TOTAL_ID)).toEqual({ id: { S: 'total' }, requests: { N: '0' }, processed: { N: '0' }, success: { N: '0' } });
    expect(byId.get(CATALOG_ID)?.tripIds).toEqual({ L: [{ S: 'seoul-busan-1' }, { S: 'seoul-daegu-1' }] });
    expect(byId.get(tripKey('seoul-daegu-1'))).toMatchObject({ seats: { N: '45' }, seatsLeft: { N: '45' }, tripId: { S: 'seoul-daegu-1' } });
    expect(items).toHaveLength(4);
  });

  it('defaults to the default timetable', () => {
    expect(seedItems()).toHaveLength(2 + defaultTrips.length);
  });
});
