import { describe, expect, it } from 'vitest';
import { BookingRequestSchema, chooseRequestId, IdempotencyKeySchema, requestIdFromKey } from './booking.js';
import { parseBookingMessage } from './message.js';
import { firstIssue } from './validation.js';

const reason = (input: unknown) => {
  const parsed = BookingRequestSchema.safeParse(input);
  return parsed.success ? undefined : firstIssue(parsed.error);
};

describe('booking request', () => {
  it('reads {} as one seat on the default trip, as the seed button did', () => {
    expect(BookingRequestSchema.parse({})).toEqual({ seats: 1, passenger: 'anonymous' });
  });

  it('keeps a full request', () => {
    expect(BookingRequestSchema.parse({ tripId: 'seoul-busan-1', seats: 4, passenger: '  Kim  ', requestId: 'r-1' })).toEqual({
      tripId: 'seoul-busan-1',
      seats: 4,
      passenger: 'Kim',
      requestId: 'r-1',
    });
  });

  it.each([
    [{ seats: 0 }, 'seats: seats must be a whole number from 1 to 4'],
    [{ seats: 5 }, 'seats: seats must be a whole number from 1 to 4'],
    [{ seats: 1.5 }, 'seats: seats must be a whole number from 1 to 4'],
    [{ seats: '2' }, 'seats: seats must be a whole number from 1 to 4'],
    [{ passenger: '' }, 'passenger: passenger must not be empty'],
    [{ passenger: 'x'.repeat(65) }, 'passenger: passenger must be at most 64 characters'],
    [{ tripId: 'no spaces' }, 'tripId: tripId is not a valid trip id'],
    [{ requestId: '' }, 'requestId: requestId must be 1-64 letters, digits, ".", "_", ":" or "-"'],
  ])('refuses %j', (input, expected) => {
    expect(reason(input)).toBe(expected);
  });

  it('counts a passenger name in characters: 64 emoji are a name, 65 are too long', () => {
    expect(BookingRequestSchema.parse({ passenger: '😀'.repeat(64) }).passenger).toBe('😀'.repeat(64));
    expect(reason({ passenger: '😀'.repeat(65) })).toBe('passenger: passenger must be at most 64 characters');
  });

  it('derives the same requestId from the same Idempotency-Key, and different ones from different keys', () => {
    expect(requestIdFromKey('abc')).toBe(requestIdFromKey('abc'));
    expect(requestIdFromKey('abc')).not.toBe(requestIdFromKey('abd'));
    expect(requestIdFromKey('abc')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(chooseRequestId({ requestId: 'mine' }, 'abc')).toBe('mine');
    expect(chooseRequestId({}, 'abc')).toBe(requestIdFromKey('abc'));
    expect(chooseRequestId({}, undefined)).not.toBe(chooseRequestId({}, undefined));
  });

  it('accepts printable Idempotency-Keys only', () => {
    expect(IdempotencyKeySchema.safeParse('order-42').success).toBe(true);
    expect(IdempotencyKeySchema.safeParse('has space').success).toBe(false);
    expect(IdempotencyKeySchema.safeParse('x'.repeat(129)).success).toBe(false);
  });
});

describe('queue message', () => {
  const message = { v: 1, requestId: 'r-1', tripId: 't-1', seats: 2, passenger: 'Kim', acceptedAt: '2026-02-01T00:00:00.000Z' };

  it('parses a booking', () => {
    expect(parseBookingMessage(JSON.stringify(message))).toEqual({ ok: true, message });
  });

  it('calls unparseable bodies poison, keeping a readable requestId for the record', () => {
    expect(parseBookingMessage('not json')).toMatchObject({ ok: false, reason: expect.stringMatching(/^message body is not JSON/) });
    expect(parseBookingMessage('not json')).not.toHaveProperty('requestId');
    expect(parseBookingMessage(JSON.stringify({ ...message, seats: 9 }))).toEqual({
      ok: false,
      requestId: 'r-1',
      reason: 'invalid booking message: seats: Too big: expected number to be <=4',
    });
    expect(parseBookingMessage(JSON.stringify({ requestId: 'bad id!' }))).not.toHaveProperty('requestId');
  });
});
