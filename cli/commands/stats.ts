import { setTimeout as sleep } from 'node:timers/promises';
import chalk from 'chalk';
import { openStack, type TargetFlags } from '../../src/session.js';
import { readStackStats, type StackStats } from '../../src/observe/stats.js';

export interface StatsFlags extends TargetFlags {
  watch?: boolean;
  json?: boolean;
  interval?: number;
}

const rate = (now: number, before: number | undefined, seconds: number) =>
  before === undefined || seconds <= 0 ? '' : chalk.dim(` (${((now - before) / seconds).toFixed(0)}/s)`);

export function renderStats(s: StackStats, previous?: StackStats): string {
  const dt = previous ? (s.readAt - previous.readAt) / 1000 : 0;
  const successRate = s.processed ? ((s.success / s.processed) * 100).toFixed(1) : '0.0';
  const q = s.queueDepth;
  const lines = [
    `${chalk.bold('requests')}  ${s.requests}${rate(s.requests, previous?.requests, dt)}   ${chalk.bold('processed')} ${s.processed}${rate(s.processed, previous?.processed, dt)}   ${chalk.bold('success')} ${s.success} (${successRate}%)`,
    `confirmed ${s.confirmed}   sold out ${s.soldOut}   rejected ${s.rejected}   failed ${s.failed}`,
    `queue     ${q ? `${q.visible} waiting, ${q.inFlight} in flight, DLQ ${q.dlq ?? 0}` : chalk.dim('unknown')}`,
    `seats left ${s.seatsLeft.total}`,
    ...s.trips.map((t) => `  ${t.id.padEnd(24)} ${`${t.from} → ${t.to}`.padEnd(16)} ${t.date} ${t.departure}  ${String(t.seatsLeft).padStart(5)} / ${t.seats}`),
  ];
  return lines.join('\n');
}

/** `bus-cli stats [--watch] [--json]`: counters, rates, seats left per trip, queue and DLQ depth. */
export async function statsCommand(flags: StatsFlags): Promise<void> {
  const session = await openStack(flags, { startLocal: false, withCode: false });
  try {
    let previous: StackStats | undefined;
    for (;;) {
      const s = await readStackStats(session.ctx);
      if (flags.json) process.stdout.write(`${JSON.stringify(s)}\n`);
      else {
        if (flags.watch && process.stdout.isTTY) process.stdout.write('\x1b[2J\x1b[H');
        process.stdout.write(`${renderStats(s, previous)}\n${flags.watch ? chalk.dim(`\n${new Date(s.readAt).toLocaleTimeString()} — Ctrl-C to stop\n`) : ''}`);
      }
      if (!flags.watch) return;
      previous = s;
      await sleep(flags.interval ?? 1000);
    }
  } finally {
    session.close();
  }
}
