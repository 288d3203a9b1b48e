import { ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { readNumber, readString, type Item } from './attributes.js';
import { BOOKING_STATUSES, type BookingStatus } from './booking.js';
import { sumCounters, type Counters } from './counters.js';
import { BOOKING_PREFIX, TRIP_PREFIX } from './keys.js';

export interface TripRecount {
  seats: number;
  seatsLeft: number;
  /** Seats held by confirmed bookings of this trip. */
  confirmedSeats: number;
  confirmedBookings: number;
  soldOutBookings: number;
}

export interface Recount {
  bookings: number;
  byStatus: Record<BookingStatus, number>;
  confirmedSeats: number;
  perTrip: Record<string, TripRecount>;
  /** What the sharded counters say, to compare with the bookings themselves. */
  counters: Counters;
  /** Every broken invariant, in words; empty when the table is consistent. */
  violations: string[];
}

export interface RecountOptions {
  /** The queue is drained: no booking may still be queued. */
  drained?: boolean;
}

const emptyTrip = (): TripRecount => ({ seats: 0, seatsLeft: 0, confirmedSeats: 0, confirmedBookings: 0, soldOutBookings: 0 });

/** Recounts bookings and seats from a scan of `aram-stats` and checks them against the counters. */
export function recount(items: readonly Item[], options: RecountOptions = {}): Recount {
  const byStatus = Object.fromEntries(BOOKING_STATUSES.map((status) => [status, 0])) as Record<BookingStatus, number>;
  const perTrip: Record<string, TripRecount> = {};
  const violations: string[] = [];
  const tripOf = (tripId: string) => (perTrip[tripId] ??= emptyTrip());
  let bookings = 0;

  for (const item of items) {
    const id = readString(item, 'id') ?? '';
    if (id.startsWith(TRIP_PREFIX)) {
      const trip = tripOf(id.slice(TRIP_PREFIX.length));
      trip.seats = readNumber(item, 'seats');
      trip.seatsLeft = readNumber(item, 'seatsLeft');
    } else if (id.startsWith(BOOKING_PREFIX)) {
      bookings += 1;
      const status = readString(item, 'status') as BookingStatus;
      if (!(status in byStatus)) violations.push(`${id} has unknown status '${status}'`);
      else byStatus[status] += 1;
      const trip = tripOf(readString(item, 'tripId') ?? '?');
      if (status === 'confirmed') {
        trip.confirmedBookings += 1;
        trip.confirmedSeats += readNumber(item, 'seats');
      }
      if (status === 'sold_out') trip.soldOutBookings += 1;
    }
  }

  const counters = sumCounters(items);
  const settled = byStatus.confirmed + byStatus.sold_out + byStatus.rejected + byStatus.failed;
  const expect = (what: string, actual: number, wanted: number) => {
    if (actual !== wanted) violations.push(`${what} is ${actual}, expected ${wanted}`);
  };
  expect('counter requests', counters.requests, bookings);
  expect('counter processed', counters.processed, settled);
  expect('counter confirmed', counters.confirmed, byStatus.confirmed);
  expect('counter success', counters.success, byStatus.confirmed);
  expect('counter soldOut', counters.soldOut, byStatus.sold_out);
  expect('counter rejected', counters.rejected, byStatus.rejected);
  expect('counter failed', counters.failed, byStatus.failed);
  if (options.drained) expect('queued bookings', byStatus.queued, 0);
  for (const [tripId, trip] of Object.entries(perTrip)) {
    if (trip.seats === 0 && trip.confirmedBookings > 0) violations.push(`trip ${tripId} has confirmed bookings but no trip item`);
    else expect(`trip ${tripId} seats taken`, trip.seats - trip.seatsLeft, trip.confirmedSeats);
    if (trip.seatsLeft < 0) violations.push(`trip ${tripId} is oversold: ${trip.seatsLeft} seats left`);
  }

  const confirmedSeats = Object.values(perTrip).reduce((sum, trip) => sum + trip.confirmedSeats, 0);
  return { bookings, byStatus, confirmedSeats, perTrip, counters, violations };
}

/** Every item of the table, following pagination. */
export async function scanTable(client: DynamoDBClient, table: string): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

export async function recountTable(client: DynamoDBClient, table: string, options: RecountOptions = {}): Promise<Recount> {
  return recount(await scanTable(client, table), options);
}
