import chalk from 'chalk';
import { createInterface } from 'node:readline/promises';
import { openStack, type TargetFlags } from '../../src/session.js';
import { EXIT_INTERRUPTED, UserError } from '../../src/errors.js';
import {
  createLiveLine,
  formatDrainLine,
  formatProgressLine,
  formatSummary,
  parseFloodOptions,
  FloodOptionError,
  writeReports,
  type FloodFlags,
} from '../../src/flood/index.js';
import { floodCost, floodStack, prepareFlood } from '../../src/flood/stack.js';

export interface FloodCommandFlags extends TargetFlags, FloodFlags {
  yes?: boolean;
}

/** Above this estimated cost a run on AWS asks before sending. */
const CONFIRM_ABOVE_USD = 0.1;
const DEFAULT_REPORT_DIR = 'flood-report';

async function confirmCost(usd: number, lines: string): Promise<boolean> {
  process.stderr.write(`${lines}\n`);
  if (!process.stdin.isTTY) throw new UserError(`this run would cost about $${usd.toFixed(2)} on AWS`, 'pass --yes to confirm');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`send it (about $${usd.toFixed(2)})? [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

/** `bus-cli flood`: the spike, measured; then the drain, the invariants, and report.json / report.html. */
export async function floodCommand(flags: FloodCommandFlags): Promise<number> {
  let options: ReturnType<typeof parseFloodOptions>;
  try {
    options = parseFloodOptions(flags);
  } catch (err) {
    if (err instanceof FloodOptionError) throw new UserError(err.message, 'see `bus-cli flood --help`');
    throw err;
  }
  const session = await openStack(flags, { startLocal: false, withCode: false });
  try {
    const { ctx, target: where } = session;
    const target = await prepareFlood(ctx, options);
    const onAws = where.kind === 'aws' && !where.endpoint;
    const cost = onAws ? floodCost(options) : undefined;
    if (cost && cost.totalUsd > CONFIRM_ABOVE_USD && !flags.yes) {
      const lines = cost.lines.map((l) => `  ${l.service.padEnd(12)} ${l.item.padEnd(28)} $${l.usd.toFixed(4)}`).join('\n');
      if (!(await confirmCost(cost.totalUsd, `estimated AWS cost (${cost.region} prices):\n${lines}`))) return 0;
    }
    const live = createLiveLine(process.stderr);
    const abort = new AbortController();
    // A second Ctrl-C gets Node's default: quit at once, without a report.
    process.once('SIGINT', () => {
      live.done();
      process.stderr.write('interrupted: no more requests are sent; following the drain, then the report (Ctrl-C again to quit without one)\n');
      abort.abort();
    });
    process.stderr.write(`${chalk.bold('flood')} ${target.apiUrl}/api/book-bus\n`);
    let drainStarted = 0;
    const { report } = await floodStack(
      ctx,
      target,
      options,
      {
        signal: abort.signal,
        onLoad: (p) => live.show(formatProgressLine(p), p.elapsedMs),
        onDrain: (sample, expected) => {
          if (!drainStarted) {
            live.done();
            drainStarted = Date.now();
          }
          live.show(formatDrainLine(sample, expected), sample.atMs);
        },
      },
      cost,
    );
    live.done();
    process.stdout.write(`${formatSummary(report)}\n`);
    const { jsonPath, htmlPath } = await writeReports(options.reportDir ?? DEFAULT_REPORT_DIR, report);
    process.stdout.write(`\nreport: ${jsonPath}\n        ${htmlPath}\n`);
    if (!report.passed) return 1;
    return report.end.state === 'interrupted' ? EXIT_INTERRUPTED : 0;
  } finally {
    session.close();
  }
}
