import chalk from 'chalk';
import type { LoadProgress } from './load.js';
import type { DrainSample } from './drain.js';
import type { LatencyStats } from './latency.js';
import { describeEnd, outcomeRows, type FloodReport } from './report.js';

/** Without a TTY (CI logs, pipes) one line every this often, instead of rewriting a line every second. */
export const PLAIN_LINE_EVERY_MS = 5_000;
const CLEAR_LINE = '\r\x1b[2K';

export interface LiveLine {
  /** Shows `line` as of `elapsedMs` into the phase. */
  show(line: string, elapsedMs: number): void;
  /** Ends the live line so the next output starts on a fresh one. */
  done(): void;
}

/**
 * On a TTY: one line rewritten in place. Otherwise: a plain line at each multiple of PLAIN_LINE_EVERY_MS into
 * the phase (a steady beat whatever the jitter of the calls), none at its start, where nothing is measured yet.
 */
export function createLiveLine(stream: NodeJS.WritableStream & { isTTY?: boolean }): LiveLine {
  let lastSlot = 0;
  let shown = false;
  return {
    show(line, elapsedMs) {
      if (stream.isTTY) {
        stream.write(CLEAR_LINE + line);
        shown = true;
      } else if (Math.floor(elapsedMs / PLAIN_LINE_EVERY_MS) > lastSlot) {
        stream.write(`${line}\n`);
        lastSlot = Math.floor(elapsedMs / PLAIN_LINE_EVERY_MS);
      }
    },
    done() {
      if (shown) stream.write('\n');
      shown = false;
      lastSlot = 0;
    },
  };
}

export function formatProgressLine(progress: LoadProgress): string {
  return [
    `${(progress.elapsedMs / 1_000).toFixed(0).padStart(4)}s`,
    `sent ${progress.sent}`,
    chalk.green(`2xx ${progress.s2xx}`),
    chalk.yellow(`4xx ${progress.s4xx}`),
    chalk.red(`5xx ${progress.s5xx}`),
    chalk.magenta(`err ${progress.errors}`),
    `${progress.currentRate} req/s`,
    `p50 ${ms(progress.p50Ms)}`,
    `p99 ${ms(progress.p99Ms)}`,
    `in flight ${progress.inFlight}`,
  ].join('  ');
}

export function formatDrainLine(sample: DrainSample, expectedFinal: number): string {
  const at = `${(sample.atMs / 1_000).toFixed(0).padStart(4)}s`;
  if (sample.error !== undefined) return `${at}  draining: probe failed (${sample.error})`;
  return `${at}  draining: queue ${sample.queueDepth}  in flight ${sample.inFlight}  DLQ ${sample.dlqDepth}  final ${sample.finalCount}/${expectedFinal}`;
}

function ms(value: number): string {
  return `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;
}

function rows(cells: string[][]): string {
  const widths = cells[0]!.map((_, column) => Math.max(...cells.map((row) => visibleLength(row[column] ?? ''))));
  return cells
    .map((row) =>
      row
        .map((cell, column) => cell + ' '.repeat(widths[column]! - visibleLength(cell)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function visibleLength(text: string): number {
  return text.replace(/\x1b\[[0-9;]*m/g, '').length;
}

function latencyRow(name: string, stats: LatencyStats): string[] {
  return [name, ...[stats.p50, stats.p90, stats.p99, stats.p999, stats.max].map((value) => value.toFixed(2))];
}

/** The table printed when a flood ends; every figure comes from the report. */
export function formatSummary(report: FloodReport): string {
  const { load, drain, endToEnd } = report;
  const { counts, throughput } = load;
  const lines = [
    chalk.bold(`flood ${load.model} model against ${report.apiUrl}: ${report.passed ? chalk.green('PASS') : chalk.red('FAIL')}`),
    ...load.warnings.map((warning) => chalk.yellow(`! ${warning}`)),
    '',
    rows([
      ['throughput', `${throughput.answeredPerSecond} answers/s over ${(load.elapsedMs / 1_000).toFixed(1)} s`],
      ...(throughput.targetRate !== undefined ? [['arrival rate', `${throughput.sentPerSecond} of ${throughput.targetRate} req/s asked`]] : []),
      ['requests', `${counts.sent} sent: ${load.mix.valid} valid, ${load.mix.duplicate} duplicate, ${load.mix.invalid} invalid`],
      [
        'answers',
        `${chalk.green(`${counts.s2xx} 2xx`)}  ${chalk.yellow(`${counts.s4xx} 4xx`)}  ${chalk.red(`${counts.s5xx} 5xx`)}  ${counts.other} other  ${chalk.magenta(`${counts.errors} errors`)}`,
      ],
      ...Object.entries(counts.errorsByCode).map(([code, count]) => ['', `${count} × ${code}`]),
      ['accepted', String(load.acceptedCount)],
      ...(drain
        ? [['drain', drain.drained ? `${(drain.drainMs / 1_000).toFixed(1)} s` : chalk.red(`not drained after ${(drain.drainMs / 1_000).toFixed(1)} s`)]]
        : []),
    ]),
    '',
    rows([
      ['latency ms', 'p50', 'p90', 'p99', 'p99.9', 'max'],
      latencyRow('corrected', load.latency.corrected),
      latencyRow('uncorrected', load.latency.uncorrected),
      ...(endToEnd ? [latencyRow('end to end', endToEnd)] : []),
    ]),
  ];
  if (report.outcomes) lines.push('', rows([['bookings', ''], ...outcomeRows(report.outcomes).map(([name, text]) => [`  ${name}`, text])]));
  if (report.invariants.length > 0) {
    lines.push('', rows(report.invariants.map((check) => [check.pass ? chalk.green('PASS') : chalk.red('FAIL'), check.name, chalk.dim(check.detail)])));
  }
  if (report.cost) lines.push('', `estimated AWS cost (${report.cost.region}): $${report.cost.totalUsd.toFixed(4)}`);
  const ended = describeEnd(report.end);
  if (ended) lines.push('', report.end.state === 'aborted' ? `${chalk.red('FAIL')}  ${ended}` : chalk.yellow(ended));
  return lines.join('\n');
}
