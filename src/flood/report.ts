import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadResult } from './load.js';
import type { TimelineBucket } from './timeline.js';
import type { DrainResult } from './drain.js';
import type { InvariantResult } from './invariants.js';
import type { LatencyStats } from './latency.js';
import type { CostEstimate } from './cost.js';
import { escapeHtml, renderLineChart } from './chart.js';
import { formatOutcomes, type RunOutcomes } from './outcomes.js';

export const REPORT_SCHEMA = 'bus-cli/flood-report@1';

/**
 * How the run ended: as planned; interrupted (Ctrl-C: the invariants still ran on what was sent); or
 * aborted because the target stopped answering (`atMs` since the first request; nothing could be checked).
 */
export type RunEnd = { state: 'completed' } | { state: 'interrupted'; sent: number; planned?: number } | { state: 'aborted'; atMs: number; reason: string };

/** The one line that says how a run ended other than as planned, for the summary and the HTML. */
export function describeEnd(end: RunEnd): string | undefined {
  if (end.state === 'aborted') return `target stopped answering at ${(end.atMs / 1_000).toFixed(1)} s (${end.reason})`;
  if (end.state === 'interrupted') return `interrupted after ${end.sent}${end.planned === undefined ? '' : ` of ${end.planned}`} requests`;
  return undefined;
}

/**
 * report.json: everything a run measured, as plain data. Per-request lists (accepted ids, duplicate
 * answers) stay in the LoadResult; the report carries their counts so it stays small for big runs.
 */
export interface FloodReport {
  schema: typeof REPORT_SCHEMA;
  /** ISO time the report was built. */
  generatedAt: string;
  apiUrl: string;
  /** true when every invariant passed and the queue drained (never for an aborted run). */
  passed: boolean;
  end: RunEnd;
  load: Omit<LoadResult, 'accepted' | 'duplicates' | 'invalid'> & {
    acceptedCount: number;
    duplicateCount: number;
    invalidCount: number;
  };
  drain?: DrainResult;
  /** What became of the run's accepted bookings, in all and per trip (not read when the run was aborted). */
  outcomes?: RunOutcomes;
  /** Accept-to-final latency of the run's bookings. */
  endToEnd?: LatencyStats;
  invariants: InvariantResult[];
  cost?: CostEstimate;
}

export interface ReportInput {
  apiUrl: string;
  load: LoadResult;
  drain?: DrainResult;
  outcomes?: RunOutcomes;
  endToEnd?: LatencyStats;
  invariants?: InvariantResult[];
  cost?: CostEstimate;
  end?: RunEnd;
}

export function buildReport(
  { apiUrl, load, drain, outcomes, endToEnd, invariants = [], cost, end = { state: 'completed' } }: ReportInput,
  now = new Date(),
): FloodReport {
  const { accepted, duplicates, invalid, ...measured } = load;
  return {
    schema: REPORT_SCHEMA,
    generatedAt: now.toISOString(),
    apiUrl,
    passed: end.state !== 'aborted' && invariants.every((check) => check.pass) && (drain?.drained ?? true),
    end,
    load: { ...measured, acceptedCount: accepted.length, duplicateCount: duplicates.length, invalidCount: invalid.length },
    drain,
    outcomes,
    endToEnd,
    invariants,
    cost,
  };
}

/** Writes report.json and a self-contained report.html (inline CSS and SVG, no script or URL to fetch). */
export async function writeReports(dir: string, report: FloodReport): Promise<{ jsonPath: string; htmlPath: string }> {
  await mkdir(dir, { recursive: true });
  const jsonPath = join(dir, 'report.json');
  const htmlPath = join(dir, 'report.html');
  await writeFile(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(htmlPath, renderReportHtml(report));
  return { jsonPath, htmlPath };
}

const COLORS = { sent: '#6b7280', ok: '#16a34a', client: '#d97706', server: '#dc2626', errors: '#7c3aed', p50: '#2563eb', p99: '#db2777', dlq: '#dc2626' };

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:780px;padding:0 1rem;color:#111}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5rem 0}td,th{padding:.2rem .8rem .2rem 0;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
.pass{color:#15803d;font-weight:600}.fail{color:#b91c1c;font-weight:600}.muted{color:#6b7280}.warn{background:#fef3c7;padding:.5rem}
svg{width:100%;height:auto}svg text{font-size:11px;fill:#374151}.grid{stroke:#e5e7eb}
.legend .key{margin-right:1rem}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px}`;

export function renderReportHtml(report: FloodReport): string {
  const { load } = report;
  const verdict = report.passed ? '<span class="pass">PASS</span>' : '<span class="fail">FAIL</span>';
  const ended = describeEnd(report.end);
  const sections = [
    `<h1>bus-cli flood ${verdict}${report.end.state === 'completed' ? '' : ` · ${report.end.state}`}</h1>
<p class="muted">${escapeHtml(report.apiUrl)} · ${escapeHtml(load.model)} model · ${escapeHtml(report.generatedAt)} · run ${escapeHtml(load.runId)}</p>`,
    ...(ended ? [`<p class="${report.end.state === 'aborted' ? 'fail' : 'warn'}">${escapeHtml(ended)}</p>`] : []),
    ...load.warnings.map((warning) => `<p class="warn">${escapeHtml(warning)}</p>`),
    `<h2>Summary</h2>${table(summaryRows(report))}`,
    ...(report.outcomes ? [`<h2>Bookings</h2>${table(outcomeRows(report.outcomes))}`] : []),
    `<h2>Latency (ms)</h2>${latencyTable([
      ['corrected (from intended send)', load.latency.corrected],
      ['uncorrected (from socket write)', load.latency.uncorrected],
      ...(report.endToEnd ? [['end to end (accept to final)', report.endToEnd] as [string, LatencyStats]] : []),
    ])}`,
    `<h2>Over time</h2>${charts(report)}`,
    `<h2>Invariants</h2>${invariantTable(report.invariants)}`,
    ...(report.cost ? [`<h2>Estimated AWS cost (${escapeHtml(report.cost.region)})</h2>${costTable(report.cost)}`] : []),
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>bus-cli flood report</title><style>${STYLE}</style></head>
<body>
${sections.join('\n')}
<script type="application/json" id="report-data">${JSON.stringify(report).replace(/</g, '\\u003c')}</script>
</body></html>
`;
}

function summaryRows({ load, drain }: FloodReport): [string, string][] {
  const { counts, throughput, mix } = load;
  return [
    ['requests sent', `${counts.sent} (${mix.valid} valid, ${mix.duplicate} duplicate, ${mix.invalid} invalid)`],
    ['answers', `${counts.s2xx} 2xx · ${counts.s4xx} 4xx · ${counts.s5xx} 5xx · ${counts.other} other · ${counts.errors} errors`],
    ['throughput', `${throughput.answeredPerSecond} answers/s over ${(load.elapsedMs / 1_000).toFixed(1)} s`],
    ...(throughput.targetRate !== undefined
      ? [
          ['arrival rate', `${throughput.sentPerSecond} of ${throughput.targetRate} req/s asked ${throughput.targetReached ? '' : '(not reached)'}`] as [
            string,
            string,
          ],
        ]
      : []),
    ['accepted bookings', String(load.acceptedCount)],
    ...(drain
      ? [
          ['queue drained', drain.drained ? `in ${(drain.drainMs / 1_000).toFixed(1)} s` : `NO, gave up after ${(drain.drainMs / 1_000).toFixed(1)} s`] as [
            string,
            string,
          ],
        ]
      : []),
  ];
}

/** The run's bookings by final state: in all, then one row per trip it booked. */
export function outcomeRows({ total, byTrip }: RunOutcomes): [string, string][] {
  return [['all trips', formatOutcomes(total)], ...Object.entries(byTrip).map(([tripId, counts]): [string, string] => [tripId, formatOutcomes(counts)])];
}

function table(rows: [string, string][]): string {
  return `<table>${rows.map(([name, value]) => `<tr><th>${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`).join('')}</table>`;
}

const LATENCY_COLUMNS: (keyof LatencyStats)[] = ['count', 'p50', 'p90', 'p99', 'p999', 'max', 'mean'];

function latencyTable(rows: [string, LatencyStats][]): string {
  const head = `<tr><th></th>${LATENCY_COLUMNS.map((column) => `<th>${column === 'p999' ? 'p99.9' : column}</th>`).join('')}</tr>`;
  // Milliseconds to one decimal at most: finer is noise at this scale.
  const cell = (value: number) => String(Math.round(value * 10) / 10);
  const body = rows.map(
    ([name, stats]) => `<tr><th>${escapeHtml(name)}</th>${LATENCY_COLUMNS.map((column) => `<td class="n">${cell(stats[column])}</td>`).join('')}</tr>`,
  );
  return `<table>${head}${body.join('')}</table>`;
}

type SeriesSpec<T> = [name: string, color: string, field: keyof T & string][];

/** One chart of the chosen numeric fields of a list of samples. */
function chartOf<T>(title: string, xLabel: string, yLabel: string, samples: T[], x: (sample: T) => number, series: SeriesSpec<T>): string {
  return renderLineChart({
    title,
    xLabel,
    yLabel,
    series: series.map(([name, color, field]) => ({ name, color, points: samples.map((sample): [number, number] => [x(sample), Number(sample[field])]) })),
  });
}

function charts({ load, drain }: FloodReport): string {
  const second = (bucket: TimelineBucket) => bucket.second;
  const rate = chartOf('Request rate', 'seconds', 'per second', load.timeline, second, [
    ['sent', COLORS.sent, 'sent'],
    ['2xx', COLORS.ok, 's2xx'],
    ['4xx', COLORS.client, 's4xx'],
    ['5xx', COLORS.server, 's5xx'],
    ['errors', COLORS.errors, 'errors'],
  ]);
  const latency = chartOf('Latency per second (corrected)', 'seconds', 'ms', load.timeline, second, [
    ['p50', COLORS.p50, 'p50Ms'],
    ['p99', COLORS.p99, 'p99Ms'],
  ]);
  const samples = (drain?.timeline ?? []).filter((sample) => sample.error === undefined);
  const queue = chartOf('Queue depth while draining', 'seconds after the load', 'messages', samples, (sample) => sample.atMs / 1_000, [
    ['waiting', COLORS.p50, 'queueDepth'],
    ['in flight', COLORS.client, 'inFlight'],
    ['DLQ', COLORS.dlq, 'dlqDepth'],
  ]);
  return rate + latency + queue;
}

function invariantTable(invariants: InvariantResult[]): string {
  if (invariants.length === 0) return '<p class="muted">not checked</p>';
  const rows = invariants.map(
    (check) =>
      `<tr><td class="${check.pass ? 'pass' : 'fail'}">${check.pass ? 'PASS' : 'FAIL'}</td><th>${escapeHtml(check.name)}</th><td>${escapeHtml(check.detail)}</td></tr>`,
  );
  return `<table>${rows.join('')}</table>`;
}

function costTable(cost: CostEstimate): string {
  const rows = cost.lines.map(
    (line) =>
      `<tr><th>${escapeHtml(line.service)}</th><td>${escapeHtml(line.item)}</td><td class="n">${Math.round(line.quantity * 100) / 100}</td><td class="n">$${line.usd.toFixed(4)}</td></tr>`,
  );
  return `<table>${rows.join('')}<tr><th>total</th><td></td><td></td><td class="n">$${cost.totalUsd.toFixed(4)}</td></tr></table>`;
}
