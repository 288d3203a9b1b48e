import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { defineAction, groupResource, logGroupName, logStreamName } from '../action.js';
import { groupNotFound, invalidParameter, streamNotFound } from '../errors.js';

/** PutLogEvents' limits (API reference): 1-10,000 events a call, each message at least 1 character. */
const MAX_EVENTS = 10_000;
/** Events older than this, or further ahead than TOO_NEW_MS, are rejected (and reported), not stored. */
const TOO_OLD_MS = 14 * 24 * 3600_000;
const TOO_NEW_MS = 2 * 3600_000;

const logEvent = z.object({ timestamp: z.number().int().min(0), message: z.string().min(1) });

/**
 * PutLogEvents: a batch of events into an existing stream, in chronological order. Events too old or too new
 * are left out and reported in rejectedLogEventsInfo (tooOldLogEventEndIndex exclusive, tooNewLogEventStartIndex
 * inclusive), as AWS answers; the sequence token is no longer checked by AWS, and is still returned.
 */
export const putLogEvents = defineAction(
  { name: 'PutLogEvents', action: 'logs:PutLogEvents', resource: groupResource },
  z.object({ logGroupName, logStreamName, logEvents: z.array(logEvent).min(1).max(MAX_EVENTS), sequenceToken: z.string().optional() }),
  (input, store, ctx) => {
    const group = store.groups(ctx.region).get(input.logGroupName);
    if (!group) throw groupNotFound();
    if (!group.streams.has(input.logStreamName)) throw streamNotFound();
    const events = input.logEvents;
    if (events.some((e, i) => i > 0 && e.timestamp < events[i - 1].timestamp)) {
      throw invalidParameter('Log events in a single PutLogEvents request must be in chronological order.');
    }
    const now = Date.now();
    const tooOldEnd = events.findIndex((e) => e.timestamp >= now - TOO_OLD_MS);
    const firstTooNew = events.findIndex((e) => e.timestamp > now + TOO_NEW_MS);
    const keptFrom = tooOldEnd === -1 ? events.length : tooOldEnd;
    const keptTo = firstTooNew === -1 ? events.length : firstTooNew;
    for (const event of events.slice(keptFrom, keptTo)) store.append(ctx.region, group.name, input.logStreamName, [event.message], event.timestamp, now);
    const rejected = {
      tooOldLogEventEndIndex: keptFrom > 0 ? keptFrom : undefined,
      tooNewLogEventStartIndex: firstTooNew === -1 ? undefined : firstTooNew,
    };
    return {
      nextSequenceToken: randomBytes(28).toString('hex').slice(0, 56),
      rejectedLogEventsInfo: rejected.tooOldLogEventEndIndex === undefined && rejected.tooNewLogEventStartIndex === undefined ? undefined : rejected,
    };
  },
);
