import { setTimeout as sleep } from 'node:timers/promises';
import chalk from 'chalk';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { FunctionName } from '../bundle/index.js';
import type { StackContext } from '../stack/context.js';
import { isNotFound } from '../stack/retry.js';

const FOLLOW_INTERVAL_MS = 1000;
/** Each function's lines in a colour of their own, so interleaved logs read apart. */
const COLOUR: Record<FunctionName, (text: string) => string> = { producer: chalk.cyan, consumer: chalk.magenta };

export interface LogEvent {
  fn: FunctionName;
  eventId: string;
  timestamp: number;
  message: string;
}

export interface LogQuery {
  fns: readonly FunctionName[];
  /** Epoch ms of the oldest line wanted. */
  startTime: number;
  filter?: string;
  /** Keep polling for new lines until `signal` aborts. */
  follow?: boolean;
  signal?: AbortSignal;
  /** Called when the first look finds no line at all. */
  nothingYet?: () => void;
}

/** The functions' log lines from CloudWatch Logs (the embedded cloud speaks it too), oldest first, each once. */
export async function readLogs(ctx: StackContext, query: LogQuery, onEvent: (event: LogEvent) => void): Promise<void> {
  /** Lines printed at startTime or later (the next poll returns them again), by event id, with their time. */
  const seen = new Map<string, number>();
  let startTime = query.startTime;
  for (let first = true; !query.signal?.aborted; first = false) {
    const events: LogEvent[] = [];
    for (const fn of query.fns) {
      let nextToken: string | undefined;
      do {
        try {
          const page = await ctx.clients.logs.send(
            new FilterLogEventsCommand({ logGroupName: `/aws/lambda/${ctx.names[fn]}`, startTime, nextToken, filterPattern: query.filter }),
          );
          for (const e of page.events ?? []) {
            if (!seen.has(e.eventId!)) events.push({ fn, eventId: e.eventId!, timestamp: e.timestamp ?? 0, message: e.message ?? '' });
          }
          nextToken = page.nextToken;
        } catch (err) {
          if (!isNotFound(err)) throw err;
          nextToken = undefined;
        }
      } while (nextToken);
    }
    events.sort((a, b) => a.timestamp - b.timestamp);
    if (first && events.length === 0) query.nothingYet?.();
    for (const e of events) {
      seen.set(e.eventId, e.timestamp);
      onEvent(e);
      startTime = Math.max(startTime, e.timestamp);
    }
    // The next poll starts at startTime: older lines cannot come back, so a long follow forgets them.
    for (const [id, at] of seen) if (at < startTime) seen.delete(id);
    if (!query.follow) return;
    await sleep(FOLLOW_INTERVAL_MS, undefined, { signal: query.signal }).catch(() => {});
  }
}

/** One printed line: the time, the function (in its colour) and the message. */
export const formatLogEvent = (e: LogEvent) =>
  `${chalk.dim(new Date(e.timestamp).toISOString().slice(11, 23))} ${COLOUR[e.fn](e.fn.padEnd(8))} ${e.message.trimEnd()}\n`;
