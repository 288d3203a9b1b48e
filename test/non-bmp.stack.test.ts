import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployTestStack, waitUntil, type TestStack } from './helpers/stack.js';

/** Hangul, emoji and a CJK character above U+FFFF (U+2000B): what a passenger types, sent through unchanged. */
const PASSENGER = '김민준 🚌😀 𠀋';

describe('a passenger name above U+FFFF, end to end through the HTTP API', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await deployTestStack({ stack: 'nonbmp' });
  }, 60_000);
  afterAll(() => stack?.stop());

  it('is accepted, confirmed, and read back exactly as sent', async () => {
    const api = stack.ctx.outputs.apiUrl!;
    const booked = await fetch(`${api}/api/book-bus`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ passenger: PASSENGER }),
    });
    expect(booked.status).toBe(200);
    const { requestId } = (await booked.json()) as { requestId: string };
    const booking = await waitUntil(async () => {
      const body = (await (await fetch(`${api}/api/bookings/${requestId}`)).json()) as { status: string; passenger: string };
      return body.status === 'queued' ? undefined : body;
    });
    expect(booking).toMatchObject({ status: 'confirmed', passenger: PASSENGER });
  });
});
