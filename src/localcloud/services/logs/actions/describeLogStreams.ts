import { z } from 'zod';
import { defineAction, groupResource, groupArn, groupReference, pageLimit, pageToken, referencedGroup } from '../action.js';
import { invalidParameter } from '../errors.js';
import type { LogStream } from '../store.js';

const DEFAULT_LIMIT = 50;

const lastEventTime = (s: LogStream) => s.events.at(-1)?.timestamp ?? 0;

export const describeLogStreams = defineAction(
  { name: 'DescribeLogStreams', action: 'logs:DescribeLogStreams', resource: groupResource },
  z.object({
    ...groupReference,
    logStreamNamePrefix: z.string().max(512).optional(),
    orderBy: z.enum(['LogStreamName', 'LastEventTime']).optional(),
    descending: z.boolean().optional(),
    nextToken: z.string().optional(),
    limit: pageLimit(50),
  }),
  (input, store, ctx) => {
    const group = referencedGroup(store, ctx, input);
    if (input.orderBy === 'LastEventTime' && input.logStreamNamePrefix) throw invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
    const streams = [...group.streams.values()].filter((s) => s.name.startsWith(input.logStreamNamePrefix ?? ''));
    streams.sort(
      input.orderBy === 'LastEventTime' ? (a, b) => lastEventTime(a) - lastEventTime(b) : (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    );
    if (input.descending) streams.reverse();
    const offset = input.nextToken ? Number(pageToken.decode('s', input.nextToken)) : 0;
    const page = streams.slice(offset, offset + (input.limit ?? DEFAULT_LIMIT));
    const logStreams = page.map((s) => ({
      logStreamName: s.name,
      creationTime: s.creationTime,
      firstEventTimestamp: s.events[0]?.timestamp,
      lastEventTimestamp: s.events.at(-1)?.timestamp,
      lastIngestionTime: s.events.at(-1)?.ingestionTime,
      uploadSequenceToken: String(s.events.at(-1)?.seq ?? 0),
      arn: `${groupArn(ctx, group.name)}:log-stream:${s.name}`,
      storedBytes: 0,
    }));
    const end = offset + page.length;
    return { logStreams, nextToken: end < streams.length ? pageToken.encode('s', end) : undefined };
  },
);
