import { openStack, type TargetFlags } from '../../src/session.js';
import { UserError } from '../../src/errors.js';
import { cliCommand } from '../../src/hints.js';
import { FUNCTION_NAMES, type FunctionName } from '../../src/bundle/index.js';
import { formatLogEvent, readLogs } from '../../src/observe/logs.js';

export interface LogsFlags extends TargetFlags {
  follow?: boolean;
  since?: string;
  filter?: string;
}

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseSince(value: string): number {
  const m = /^(\d+)([smhd])$/.exec(value.trim());
  if (!m) throw new UserError(`--since '${value}' is not a duration`, 'use e.g. --since 30s, 10m, 2h or 1d');
  return Number(m[1]) * UNITS[m[2]];
}

/** `bus-cli logs [producer|consumer]`: the functions' logs, from CloudWatch Logs (the embedded cloud speaks it too). */
export async function logsCommand(which: string | undefined, flags: LogsFlags): Promise<void> {
  if (which && which !== 'producer' && which !== 'consumer')
    throw new UserError(
      `unknown function '${which}'`,
      `use \`${cliCommand('logs producer', flags)}\` or \`${cliCommand('logs consumer', flags)}\` (or neither, for both)`,
    );
  const since = flags.since ?? '10m';
  const sinceMs = parseSince(since);
  const session = await openStack(flags, { startLocal: false, withCode: false });
  try {
    const fns = which ? [which as FunctionName] : FUNCTION_NAMES;
    const nothingYet = () => {
      const names = fns.map((fn) => session.ctx.names[fn]).join(' or ');
      process.stderr.write(`no log events yet for ${names} (since ${since})${flags.follow ? '; waiting for some' : ''}\n`);
    };
    await readLogs(session.ctx, { fns, startTime: Date.now() - sinceMs, filter: flags.filter, follow: flags.follow, nothingYet }, (e) =>
      process.stdout.write(formatLogEvent(e)),
    );
  } finally {
    session.close();
  }
}
