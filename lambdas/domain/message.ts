import { BookingMessageSchema, REQUEST_ID_PATTERN, type BookingMessage } from './booking.js';
import { firstIssue } from './validation.js';

/** A queue message is a booking, or poison: the reason, and its requestId when one can be read. */
export type ParsedMessage = { ok: true; message: BookingMessage } | { ok: false; reason: string; requestId?: string };

export function parseBookingMessage(body: string): ParsedMessage {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (err) {
    return { ok: false, reason: `message body is not JSON: ${(err as Error).message}` };
  }
  const parsed = BookingMessageSchema.safeParse(data);
  if (parsed.success) return { ok: true, message: parsed.data };
  const requestId = (data as { requestId?: unknown } | null)?.requestId;
  const readable = typeof requestId === 'string' && REQUEST_ID_PATTERN.test(requestId);
  return { ok: false, reason: `invalid booking message: ${firstIssue(parsed.error)}`, ...(readable && { requestId }) };
}

/** The booking a message names, when it names one readably (a poison message may still carry its requestId). */
export const bookingIdOf = (parsed: ParsedMessage): string | undefined => (parsed.ok ? parsed.message.requestId : parsed.requestId);

/**
 * The consumer's reminder to itself, sent to the booking queue with a delay (lib/stats-flush.ts): not a
 * booking. Matched on the exact body, which no booking message can have.
 */
export const STATS_TICK_BODY = '{"tick":"stats"}';
export const isStatsTick = (body: string): boolean => body === STATS_TICK_BODY;
