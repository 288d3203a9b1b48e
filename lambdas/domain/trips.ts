import { z } from 'zod';
import { formatIssues } from './validation.js';

export const MAX_TRIPS = 100;
export const MAX_SEATS_PER_TRIP = 10_000;
export const TRIP_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const TripSchema = z.object({
  id: z.string().regex(TRIP_ID_PATTERN, 'must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit'),
  from: z.string().trim().min(1).max(64),
  to: z.string().trim().min(1).max(64),
  date: z.iso.date('must be a date like 2026-02-15'),
  departure: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 07:30'),
  seats: z.number().int().min(1).max(MAX_SEATS_PER_TRIP),
});
export type Trip = z.infer<typeof TripSchema>;

const TripListSchema = z
  .array(TripSchema)
  .min(1, 'needs at least one trip')
  .max(MAX_TRIPS, `holds at most ${MAX_TRIPS} trips`)
  .superRefine((trips, ctx) => {
    const seen = new Set<string>();
    trips.forEach((trip, index) => {
      if (seen.has(trip.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate trip id '${trip.id}'` });
      seen.add(trip.id);
    });
  });

/** A trips file is either the list itself or `{ "trips": [...] }`. */
const tripListOf = (data: unknown): unknown => (data !== null && typeof data === 'object' && 'trips' in data ? data.trips : data);

const route = (to: string, date: string, departure: string): Trip => ({
  id: `seoul-${to.toLowerCase()}-${date.replaceAll('-', '')}`,
  from: 'Seoul',
  to,
  date,
  departure,
  seats: 45,
});

/** The Seollal 2026 rush: Seoul to Busan, Gwangju and Daegu on the two busiest days; a 45-seat express coach each. */
export const defaultTrips: readonly Trip[] = [
  route('Busan', '2026-02-15', '07:00'),
  route('Gwangju', '2026-02-15', '07:30'),
  route('Daegu', '2026-02-15', '08:00'),
  route('Busan', '2026-02-16', '07:00'),
  route('Gwangju', '2026-02-16', '07:30'),
  route('Daegu', '2026-02-16', '08:00'),
];

export class TripsFileError extends Error {
  override name = 'TripsFileError';
}

/** Parses and validates a trips file's text; throws TripsFileError listing every problem with its place. */
export function parseTripsFile(json: string): Trip[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (err) {
    throw new TripsFileError(`trips file is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = TripListSchema.safeParse(tripListOf(data));
  if (!parsed.success) throw new TripsFileError(`trips file is invalid:\n${formatIssues(parsed.error, 'trips')}`);
  return parsed.data;
}
