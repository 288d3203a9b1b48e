import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLoad, type LoadResult } from './load.js';
import { startFakeBookingApi } from './testing/fake-booking-api.js';
import { checkInvariants } from './invariants.js';
import { estimateCost } from './cost.js';
import { buildReport, renderReportHtml, writeReports, REPORT_SCHEMA, type FloodReport } from './report.js';
import { formatSummary } from './print.js';
import type { DrainResult } from './drain.js';

/** Anything the page would fetch: a src/href/url() pointing at a scheme-qualified or protocol-relative URL. */
function externalReferences(html: string): string[] {
  return html.match(/(?:\b(?:src|href|xlink:href|action)\s*=\s*["']?\s*(?:https?:)?\/\/|url\(\s*["']?\s*(?:https?:)?\/\/|@import)[^\s"'>)]*/gi) ?? [];
}

let load: LoadResult;
let dir: string;
const drain: DrainResult = {
  drained: true,
  drainMs: 1_500,
  expectedFinal: 40,
  timeline: [
    { atMs: 0, queueDepth: 30, inFlight: 10, dlqDepth: 0, processed: 0, finalCount: 0 },
    { atMs: 500, error: 'throttled' },
    { atMs: 1_500, queueDepth: 0, inFlight: 0, dlqDepth: 0, processed: 40, finalCount: 40 },
  ],
};

beforeAll(async () => {
  const api = await startFakeBookingApi(['A']);
  load = await runLoad({
    apiUrl: api.apiUrl,
    model: 'open',
    rate: 500,
    connections: 10,
    requests: 50,
    tripIds: ['A'],
    duplicates: 0.1,
    invalid: 0.1,
    requestTimeoutMs: 5_000,
  });
  await api.stop();
  dir = await mkdtemp(join(tmpdir(), 'flood-report-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function report(overrides: { invariantsPass?: boolean } = {}): FloodReport {
  const bookings = load.accepted.map(({ requestId }) => ({ requestId, status: 'confirmed', tripId: 'A', seats: 1 }));
  const invariants = checkInvariants({
    trips: [{ tripId: 'A', capacity: overrides.invariantsPass === false ? 1 : 1_000 }],
    bookings,
    counters: { confirmed: bookings.length },
    accepted: load.accepted,
    duplicates: load.duplicates,
    invalid: load.invalid,
  });
  return buildReport({ apiUrl: 'http://127.0.0.1:4566/_aws/execute-api/abc/prod', load, drain, invariants, cost: estimateCost({ requests: 50, seconds: 2 }) });
}

describe('reports', () => {
  it('report.json holds the plain report, without per-request lists', async () => {
    const built = report();
    const { jsonPath, htmlPath } = await writeReports(join(dir, 'out'), built);
    const json = JSON.parse(await readFile(jsonPath, 'utf8')) as FloodReport;
    expect(json).toEqual(JSON.parse(JSON.stringify(built)));
    expect(json.schema).toBe(REPORT_SCHEMA);
    expect(json.passed).toBe(true);
    expect(json.load.counts.sent).toBe(50);
    expect(json.load.acceptedCount).toBe(load.accepted.length);
    expect(json.load).not.toHaveProperty('accepted');
    expect((await readFile(htmlPath, 'utf8')).startsWith('<!doctype html>')).toBe(true);
  });

  it('report.html is self-contained: charts inline, nothing to fetch', () => {
    const html = renderReportHtml(report());
    expect(externalReferences(html)).toEqual([]);
    expect(html).not.toMatch(/<link\b|<img\b|<iframe\b|<script\b[^>]*\bsrc=/i);
    expect(html.match(/<svg\b/g)).toHaveLength(3);
    expect(html).toContain('Request rate');
    expect(html).toContain('Queue depth while draining');
    expect(html.match(/>PASS</g)).toHaveLength(6 + 1);
    // The embedded data cannot close its script tag early.
    const data = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect((JSON.parse(data) as FloodReport).load.runId).toBe(load.runId);
  });

  it('report.html shows latencies with at most one decimal', () => {
    const html = renderReportHtml(report());
    const latencies = /<h2>Latency \(ms\)<\/h2>(<table>[\s\S]*?<\/table>)/.exec(html)![1]!;
    const cells = [...latencies.matchAll(/<td class="n">([^<]*)<\/td>/g)].map((m) => m[1]!);
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells) expect(cell).toMatch(/^\d+(\.\d)?$/);
  });

  it('the self-containment check catches a page that would fetch something', () => {
    expect(externalReferences('<script src="https://cdn.example/chart.js"></script>')).toHaveLength(1);
    expect(externalReferences('<link href=//fonts.example/x.css>')).toHaveLength(1);
    expect(externalReferences('<div style="background:url(http://x/y.png)">')).toHaveLength(1);
  });

  it('a failed invariant makes the report and the summary FAIL, and names the check', () => {
    const failed = report({ invariantsPass: false });
    expect(failed.passed).toBe(false);
    expect(renderReportHtml(failed)).toMatch(/class="fail">FAIL<\/td><th>no oversell/);
    const summary = formatSummary(failed);
    expect(summary).toMatch(/FAIL/);
    expect(summary).toMatch(/no oversell/);
  });

  it('the summary shows throughput, both latencies, status counts, drain and invariants', () => {
    const summary = formatSummary(report()).replace(/\x1b\[[0-9;]*m/g, '');
    expect(summary).toMatch(/PASS/);
    expect(summary).toMatch(/answers\/s/);
    expect(summary).toMatch(/corrected\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+/);
    expect(summary).toMatch(/uncorrected/);
    expect(summary).toMatch(new RegExp(`${load.counts.s2xx} 2xx\\s+${load.counts.s4xx} 4xx`));
    expect(summary).toMatch(/drain\s+1\.5 s/);
    expect(summary).toMatch(/estimated AWS cost \(ap-northeast-2\)/);
  });
});
