import chalk from 'chalk';
import { FilterLogEventsCommand, type FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { openStack, type TargetFlags } from '../../src/session.js';
import { UserError } from '../../src/errors.js';
import { cliCommand } from '../../src/hints.js';
import { isNotFound, sleep } from '../../src/stack/retry.js';

export interface LogsFlags extends TargetFlags {
  follow?: boolean;
  since?: string;
  filter?: string;
}

const FOLLOW_INTERVAL_MS = 1000;
const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseSince(value: string): number {
  const m = /^(\d+)([smhd])$/.exec(value.trim());
  if (!m) throw new UserError(`--since '${value}' is not a duration`, 'use e.g. --since 30s, 10m, 2h or 1d');
  return Number(m[1]) * UNITS[m[2]];
}

/** `bus-cli logs [producer|consumer]`: the functions' logs, from CloudWatch Logs (the embedded cloud speaks it too). */
export async function logsCommand(which: string | undefined, flags: LogsFlags): Promise<void> {
  if (which && which !== 'producer' && which !== 'consumer') throw new UserError(`unknown function '${which}'`, `use \`${cliCommand('logs producer', flags)}\` or \`${cliCommand('logs consumer', flags)}\` (or neither, for both)`);
  const since = flags.since ?? '10m';
  const sinceMs = parseSince(since);
  const session = await openStack(flags, { startLocal: false, withCode: false });
  try {
    const { ctx } = session;
    const fns = which ? [which as 'producer' | 'consumer'] : (['producer', 'consumer'] as const);
    const groups = fns.map((fn) => ({ fn, group: `/aws/lambda/${ctx.names[fn]}` }));
    const seen = new Set<string>();
    let startTime = Date.now() - sinceMs;
    for (let first = true; ; first = false) {
      const events: (FilteredLogEvent & { fn: string })[] = [];
      for (const { fn, group } of groups) {
        let nextToken: string | undefined;
        do {
          try {
            const page = await ctx.clients.logs.send(new FilterLogEventsCommand({ logGroupName: group, startTime, nextToken, filterPattern: flags.filter }));
            for (const e of page.events ?? []) if (!seen.has(e.eventId!)) events.push({ ...e, fn });
            nextToken = page.nextToken;
          } catch (err) {
            if (!isNotFound(err)) throw err;
            nextToken = undefined;
          }
        } while (nextToken);
      }
      events.sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0));
      if (first && events.length === 0) {
        const names = fns.map((fn) => ctx.names[fn]).join(' or ');
        process.stderr.write(`no log events yet for ${names} (since ${since})${flags.follow ? '; waiting for some' : ''}\n`);
      }
      for (const e of events) {
        seen.add(e.eventId!);
        const when = new Date(e.timestamp ?? 0).toISOString().slice(11, 23);
        process.stdout.write(`${chalk.dim(when)} ${chalk.cyan(e.fn.padEnd(8))} ${(e.message ?? '').trimEnd()}\n`);
        startTime = Math.max(startTime, e.timestamp ?? 0);
      }
      if (!flags.follow) return;
      await sleep(FOLLOW_INTERVAL_MS);
    }
  } finally {
    session.close();
  }
}
