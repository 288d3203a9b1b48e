import { z } from 'zod';
import { defineAction, groupResource, groupReference, logStreamName, pageLimit, pageToken, referencedGroup } from '../action.js';
import { invalidParameter } from '../errors.js';
import { compileFilterPattern } from '../filter.js';
import { firstAtOrAfter, type StoredEvent } from '../store.js';

const MAX_LIMIT = 10_000;

/** Searches a group's streams in time order; the token resumes after the last event returned. */
export const filterLogEvents = defineAction(
  { name: 'FilterLogEvents', action: 'logs:FilterLogEvents', resource: groupResource },
  z.object({
    ...groupReference,
    logStreamNames: z.array(logStreamName).min(1).max(100).optional(),
    logStreamNamePrefix: z.string().max(512).optional(),
    startTime: z.number().int().min(0).optional(),
    endTime: z.number().int().min(0).optional(),
    filterPattern: z.string().max(1024).optional(),
    nextToken: z.string().optional(),
    limit: pageLimit(MAX_LIMIT),
    interleaved: z.boolean().optional(),
    unmask: z.boolean().optional(),
  }),
  (input, store, ctx) => {
    const group = referencedGroup(store, ctx, input);
    if (input.logStreamNames && input.logStreamNamePrefix) throw invalidParameter('You cannot specify both logStreamNames and logStreamNamePrefix.');
    const streams = input.logStreamNames ? new Set(input.logStreamNames) : undefined;
    const prefix = input.logStreamNamePrefix ?? '';
    const matches = compileFilterPattern(input.filterPattern);
    const wanted = (e: StoredEvent) =>
      (input.startTime === undefined || e.timestamp >= input.startTime) &&
      (input.endTime === undefined || e.timestamp <= input.endTime) &&
      (streams ? streams.has(e.stream.name) : e.stream.name.startsWith(prefix)) &&
      matches(e.message);
    const limit = input.limit ?? MAX_LIMIT;
    const after = input.nextToken ? pageToken.decodeSeq('n', input.nextToken) : 0;
    const page: StoredEvent[] = [];
    for (let i = firstAtOrAfter(group.events, after + 1); i < group.events.length && page.length < limit; i++) {
      if (wanted(group.events[i])) page.push(group.events[i]);
    }
    return {
      events: page.map((e) => ({
        logStreamName: e.stream.name,
        timestamp: e.timestamp,
        message: e.message,
        ingestionTime: e.ingestionTime,
        eventId: String(e.seq).padStart(56, '0'),
      })),
      searchedLogStreams: [],
      nextToken: page.length === limit ? pageToken.encode('n', page[page.length - 1].seq) : undefined,
    };
  },
);
