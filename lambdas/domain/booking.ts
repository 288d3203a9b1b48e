import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { TRIP_ID_PATTERN } from './trips.js';

export const MAX_SEATS_PER_BOOKING = 4;
export const MAX_PASSENGER_CHARS = 64;
export const MAX_IDEMPOTENCY_KEY_CHARS = 128;
/** The header a client names its booking with, so a retry finds it instead of booking again (lower-cased, as payload 2.0 sends it). */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const DEFAULT_PASSENGER = 'anonymous';
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** queued until the consumer settles it; the others are final. `failed` = parked in the DLQ with a reason. */
export const BOOKING_STATUSES = ['queued', 'confirmed', 'sold_out', 'rejected', 'failed'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
export type FinalStatus = Exclude<BookingStatus, 'queued'>;

const SEATS_RULE = `seats must be a whole number from 1 to ${MAX_SEATS_PER_BOOKING}`;
/** Names are counted in characters (code points), not UTF-16 units: an emoji or a character above U+FFFF counts once. */
const withinPassengerLength = (name: string) => [...name].length <= MAX_PASSENGER_CHARS;
const requestIdField = z.string().regex(REQUEST_ID_PATTERN, 'requestId must be 1-64 letters, digits, ".", "_", ":" or "-"');

/** The body of POST /api/book-bus; `{}` books one seat on the default trip, as the seed's button did. */
export const BookingRequestSchema = z.object({
  tripId: z.string().regex(TRIP_ID_PATTERN, 'tripId is not a valid trip id').optional(),
  seats: z.number({ error: SEATS_RULE }).int(SEATS_RULE).min(1, SEATS_RULE).max(MAX_SEATS_PER_BOOKING, SEATS_RULE).default(1),
  passenger: z
    .string({ error: 'passenger must be a string' })
    .trim()
    .min(1, 'passenger must not be empty')
    .refine(withinPassengerLength, `passenger must be at most ${MAX_PASSENGER_CHARS} characters`)
    .default(DEFAULT_PASSENGER),
  requestId: requestIdField.optional(),
});
export type BookingRequest = z.infer<typeof BookingRequestSchema>;

export const MESSAGE_VERSION = 1;

/** What the producer enqueues and the consumer settles: one booking, already validated. */
export const BookingMessageSchema = z.object({
  v: z.literal(MESSAGE_VERSION),
  requestId: requestIdField,
  tripId: z.string().regex(TRIP_ID_PATTERN),
  seats: z.number().int().min(1).max(MAX_SEATS_PER_BOOKING),
  passenger: z.string().min(1).refine(withinPassengerLength),
  acceptedAt: z.iso.datetime(),
});
export type BookingMessage = z.infer<typeof BookingMessageSchema>;

export const IdempotencyKeySchema = z
  .string()
  .min(1, 'Idempotency-Key must not be empty')
  .max(MAX_IDEMPOTENCY_KEY_CHARS, `Idempotency-Key must be at most ${MAX_IDEMPOTENCY_KEY_CHARS} characters`)
  .regex(/^[\x21-\x7e]+$/, 'Idempotency-Key must be printable ASCII without spaces');

/** The same Idempotency-Key always names the same booking, so a retried POST finds it instead of booking again. */
export function requestIdFromKey(idempotencyKey: string): string {
  const hex = createHash('sha256').update(`idempotency-key:${idempotencyKey}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * What a booking is, as a hash: a repeated key whose body hashes differently is another booking under a
 * used key, refused (422) rather than answered with the first booking's id. `{}` and the default trip
 * spelled out are the same booking, as are passengers differing only in surrounding spaces.
 */
export function bookingFingerprint({ tripId, seats, passenger }: Pick<BookingMessage, 'tripId' | 'seats' | 'passenger'>): string {
  return createHash('sha256')
    .update(JSON.stringify([tripId, seats, passenger]))
    .digest('base64url');
}

/** The request's own requestId wins, then one derived from the Idempotency-Key, else a fresh one. */
export function chooseRequestId(request: Pick<BookingRequest, 'requestId'>, idempotencyKey: string | undefined): string {
  return request.requestId ?? (idempotencyKey === undefined ? randomUUID() : requestIdFromKey(idempotencyKey));
}
