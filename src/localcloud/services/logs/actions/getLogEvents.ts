import { z } from 'zod';
import { defineAction, groupResource, groupReference, logStreamName, pageLimit, pageToken, referencedGroup } from '../action.js';
import { streamNotFound } from '../errors.js';
import { firstAtOrAfter, type StoredEvent } from '../store.js';

const MAX_LIMIT = 10_000;

/**
 * Reads one stream a page at a time. Without a token it starts at the tail (or the head with
 * startFromHead); `f/` tokens page forward, `b/` tokens backward, and a page with no new events
 * hands the caller's token back, which is how clients know they are caught up.
 */
export const getLogEvents = defineAction(
  { name: 'GetLogEvents', action: 'logs:GetLogEvents', resource: groupResource },
  z.object({
    ...groupReference,
    logStreamName,
    startTime: z.number().int().min(0).optional(),
    endTime: z.number().int().min(0).optional(),
    nextToken: z.string().optional(),
    limit: pageLimit(MAX_LIMIT),
    startFromHead: z.boolean().optional(),
    unmask: z.boolean().optional(),
  }),
  (input, store, ctx) => {
    const stream = referencedGroup(store, ctx, input).streams.get(input.logStreamName);
    if (!stream) throw streamNotFound();
    const limit = input.limit ?? MAX_LIMIT;
    const inRange = (e: StoredEvent) =>
      (input.startTime === undefined || e.timestamp >= input.startTime) && (input.endTime === undefined || e.timestamp < input.endTime);
    const backward = input.nextToken ? input.nextToken.startsWith('b/') : !input.startFromHead;
    const tokenSeq = input.nextToken ? pageToken.decodeSeq(backward ? 'b' : 'f', input.nextToken) : undefined;
    const events = stream.events;
    const page: StoredEvent[] = [];
    if (backward) {
      for (let i = (tokenSeq === undefined ? events.length : firstAtOrAfter(events, tokenSeq)) - 1; i >= 0 && page.length < limit; i--) {
        if (inRange(events[i])) page.unshift(events[i]);
      }
    } else {
      for (let i = tokenSeq === undefined ? 0 : firstAtOrAfter(events, tokenSeq + 1); i < events.length && page.length < limit; i++) {
        if (inRange(events[i])) page.push(events[i]);
      }
    }
    const tail = events.at(-1)?.seq ?? 0;
    return {
      events: page.map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime })),
      nextForwardToken: pageToken.encode('f', page.at(-1)?.seq ?? (backward ? tail : (tokenSeq ?? 0))),
      nextBackwardToken: pageToken.encode('b', page[0]?.seq ?? (backward ? (tokenSeq ?? tail + 1) : 0)),
    };
  },
);
