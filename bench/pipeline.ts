// Issues 4 and 15: `up --local` on a fresh home with one 500-seat trip, then `flood --requests 10000`
// through the whole pipeline (API Gateway -> producer -> SQS -> consumer -> DynamoDB). Prints, per round
// and as the median of the rounds: CPU per booking as a ratio to the SDK floor measured in the same round
// (bench/sdk-call-cost.ts on the Lambdas' Node), accepted req/s at the API, the consumer's drain rate,
// end-to-end p99, the peak memory of the cloud's process tree (cloud + Lambda workers; sum of RSS and of
// PSS) and the invariants. Printed, never asserted.
//
// Run: npm run bench:pipeline -- [--requests 10000] [--connections 32] [--seats 500] [--rounds 1]
//        [--ephemeral]  (the cloud keeps no state on disk; default: durable, as `up --local` starts it)
//        [--sdk-calls 3000]  (calls per kind when measuring the SDK floor)
//        [--cloud-node-args "--cpu-prof --cpu-prof-dir=scratch/prof"]   (node flags for the cloud process)
//        [--worker-node-args "--cpu-prof --cpu-prof-dir=scratch/prof"]  (node flags for every Lambda worker: implies
//                      --lambda-isolation process, the only isolation that takes node flags)
//        [--lambda-isolation process|thread]  (how the cloud runs Lambda environments; default process, as bus-cli's)
//        [--backlog]  (the consumer's mapping is off during the flood and turned on after it: the drain rate
//                      is then the consumer's own capacity on a full queue, not the arrival rate)
//        [--warm-up 0]  (bookings flooded on a trip of their own, and drained, before the measured flood: the
//                      environments then start warm, as the SDK floor does after its unmeasured calls; default 0,
//                      the measured flood meets cold environments as after a deploy)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { GetEventSourceMappingCommand, UpdateEventSourceMappingCommand } from '@aws-sdk/client-lambda';
import { BIN, cpuSeconds, freePort, median, parseWarmUp, printTable, runCli, sdkFloor } from './lib.js';
import { openStack } from '../src/session.js';
import { floodStack, prepareFlood } from '../src/flood/stack.js';
import { parseFloodOptions } from '../src/flood/options.js';
import { invariantDataFromItems } from '../src/flood/table.js';
import { scanTable } from '../lambdas/domain/index.js';
import { detectLocalEndpoint } from '../src/target/detect.js';
import { WORKER_EXEC_ARGV_ENV } from '../src/localcloud/services/lambda/runtime/worker.js';
import { CLOUD_PROCESS_ENV } from '../src/localcloud/daemon.js';
import { LAMBDA_ISOLATIONS } from '../src/localcloud/core/constants.js';
import { mapping } from '../src/stack/resources/mapping.js';
import type { StackContext } from '../src/stack/context.js';

const TRIP_ID = 'bench-seoul-busan';
const WARM_UP_TRIP_ID = 'bench-warm-up';
const MEMORY_SAMPLE_MS = 200;
const CLOUD_START_TIMEOUT_MS = 20_000;
const MAPPING_POLL_MS = 50;
const DRAIN_TIMEOUT = '300s';

const { values: flags } = parseArgs({
  options: {
    requests: { type: 'string', default: '10000' },
    connections: { type: 'string', default: '32' },
    seats: { type: 'string', default: '500' },
    rounds: { type: 'string', default: '1' },
    'cloud-node-args': { type: 'string', default: '' },
    'worker-node-args': { type: 'string', default: '' },
    'lambda-isolation': { type: 'string', default: LAMBDA_ISOLATIONS[0] },
    backlog: { type: 'boolean', default: false },
    ephemeral: { type: 'boolean', default: false },
    'sdk-calls': { type: 'string', default: '3000' },
    'warm-up': { type: 'string', default: '0' },
  },
});
const WARM_UP = parseWarmUp(flags['warm-up']);

interface RoundFigures {
  /** What the Lambdas' SDK calls alone cost per booking, measured in this round before the flood. */
  sdkFloorMs: number;
  /** What bench:sdk's trivial server spends answering the floor's calls: the least any server adds. */
  trivialServerMs: number;
  acceptedPerSecond: number;
  drainPerSecond: number;
  endToEndP99Ms: number;
  peakRssMb: number;
  peakPssMb: number;
  /** The cloud process alone. */
  peakCloudRssMb: number;
  rssAfterUpMb: number;
  apiP50Ms: number;
  apiP99Ms: number;
  seatsConfirmed: number;
  lost: number;
  /** CPU of the cloud's process tree (cloud + workers) from flood start to drained, per accepted request. */
  cloudCpuMsPerRequest: number;
  /** The same by process: the cloud itself, each function's workers, workers that exited meanwhile. */
  cpuMsPerRequest: Map<string, number>;
  /** This process's CPU (load generator + drain probe) over the same span, per accepted request. */
  floodCpuMsPerRequest: number;
  invariantsPassed: boolean;
  failedInvariants: string[];
}

interface TreeMemory {
  /** Sum of every process's RSS: what `ps` shows, counting the pages they share (the node binary) once per process. */
  rssKb: number;
  /** Sum of PSS: each shared page divided among the processes mapping it, so the tree's real footprint. */
  pssKb: number;
  /** RSS of the cloud process alone, without its workers. */
  cloudRssKb: number;
}

/** Memory of a process and its descendants from /proc (no `ps` fork, nothing blocking the flood's event loop). */
async function treeMemory(pid: number): Promise<TreeMemory> {
  const total = { rssKb: 0, pssKb: 0, cloudRssKb: 0 };
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    try {
      const rollup = await readFile(`/proc/${p}/smaps_rollup`, 'utf8');
      const rssKb = Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      total.rssKb += rssKb;
      if (p === pid) total.cloudRssKb = rssKb;
      total.pssKb += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      const children = await readFile(`/proc/${p}/task/${p}/children`, 'utf8');
      for (const child of children.trim().split(/\s+/)) if (child) stack.push(Number(child));
    } catch {
      // The process ended between two reads.
    }
  }
  return total;
}

const CLOUD_PROCESS = 'cloud process';

/** CPU seconds used so far by the cloud process and by its Lambda workers (by function; exited ones together). */
async function cloudCpuSeconds(pid: number): Promise<Map<string, number>> {
  const usage = new Map<string, number>();
  const add = (label: string, seconds: number) => usage.set(label, (usage.get(label) ?? 0) + seconds);
  const cloud = await cpuSeconds(pid);
  add(CLOUD_PROCESS, cloud.own);
  add('exited workers', cloud.reaped);
  const children = (await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8')).trim().split(/\s+/).filter(Boolean);
  for (const child of children) {
    try {
      const environ = await readFile(`/proc/${child}/environ`, 'utf8');
      const fn = /(?:^|\0)AWS_LAMBDA_FUNCTION_NAME=([^\0]+)/.exec(environ)?.[1] ?? 'other children';
      add(fn, (await cpuSeconds(Number(child))).own);
    } catch {
      // The worker exited between two reads: its time shows up as reaped next time.
    }
  }
  return usage;
}

/** Samples the tree's memory until stopped; returns the peaks (RSS and PSS each at its own peak) in MB. */
function followPeakMemory(pid: number): { stop(): Promise<{ rssMb: number; pssMb: number; cloudRssMb: number }> } {
  const peak = { rssKb: 0, pssKb: 0, cloudRssKb: 0 };
  let running = true;
  const loop = (async () => {
    while (running) {
      const now = await treeMemory(pid);
      peak.rssKb = Math.max(peak.rssKb, now.rssKb);
      peak.pssKb = Math.max(peak.pssKb, now.pssKb);
      peak.cloudRssKb = Math.max(peak.cloudRssKb, now.cloudRssKb);
      await new Promise((r) => setTimeout(r, MEMORY_SAMPLE_MS));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { rssMb: peak.rssKb / 1024, pssMb: peak.pssKb / 1024, cloudRssMb: peak.cloudRssKb / 1024 };
    },
  };
}

/** The cloud in the foreground of a child process, so node flags (a CPU profile) can be given to it. */
async function startCloud(port: number, stateDir: string): Promise<ChildProcess> {
  const nodeArgs = flags['cloud-node-args'].split(' ').filter(Boolean);
  // The environment `up --local` starts its detached cloud with.
  const env = { ...CLOUD_PROCESS_ENV, ...process.env, [WORKER_EXEC_ARGV_ENV]: flags['worker-node-args'] };
  const isolation = flags['worker-node-args'] ? 'process' : flags['lambda-isolation'];
  const state = flags.ephemeral ? ['--ephemeral'] : ['--state-dir', stateDir];
  const args = [BIN, 'local', 'start', '--port', String(port), ...state, '--lambda-isolation', isolation];
  const child = spawn(process.execPath, [...nodeArgs, ...args], { stdio: ['ignore', 'ignore', 'inherit'], env });
  const deadline = Date.now() + CLOUD_START_TIMEOUT_MS;
  while ((await detectLocalEndpoint(`http://127.0.0.1:${port}`)).kind !== 'embedded') {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the cloud did not start on port ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return child;
}

/**
 * SIGTERM stops the workers with the cloud (SIGKILL). With worker flags (a CPU profile), SIGKILL instead: the
 * workers then see the IPC channel close and exit on their own, writing what their flags asked for.
 */
async function stopCloud(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(flags['worker-node-args'] ? 'SIGKILL' : 'SIGTERM');
  await exited;
}

/** Turns the queue -> consumer mapping off or on, and waits until Lambda reports it so. */
async function setConsumerPolling(ctx: StackContext, enabled: boolean): Promise<void> {
  const UUID = (await mapping.read(ctx))?.UUID;
  if (!UUID) throw new Error('the stack has no event source mapping');
  await ctx.clients.lambda.send(new UpdateEventSourceMappingCommand({ UUID, Enabled: enabled }));
  const wanted = enabled ? 'Enabled' : 'Disabled';
  while ((await ctx.clients.lambda.send(new GetEventSourceMappingCommand({ UUID }))).State !== wanted) await sleep(MAPPING_POLL_MS);
}

/** Settled bookings per second while the consumer worked: first to last final state. */
function drainRate(bookings: { finalAt?: number }[]): number {
  const finals = bookings.flatMap((b) => (b.finalAt === undefined ? [] : [b.finalAt]));
  if (finals.length < 2) return 0;
  const spanMs = Math.max(1, Math.max(...finals) - Math.min(...finals));
  return (finals.length / spanMs) * 1000;
}

/** The unmeasured flood of --warm-up, on its own trip, drained before the measured one starts. */
async function warmUpFlood(ctx: StackContext): Promise<{ passed: boolean; failed: string[] }> {
  const options = parseFloodOptions({ requests: String(WARM_UP), connections: flags.connections, trip: WARM_UP_TRIP_ID, timeout: DRAIN_TIMEOUT });
  const { report } = await floodStack(ctx, await prepareFlood(ctx, options), options);
  return { passed: report.passed, failed: report.invariants.filter((i) => !i.pass).map((i) => `warm-up ${i.name}: ${i.detail}`) };
}

async function round(): Promise<RoundFigures> {
  const home = mkdtempSync(join(tmpdir(), 'bus-bench-pipeline-'));
  const env = { BUS_CLI_HOME: home };
  const port = await freePort();
  const tripsFile = join(home, 'trips.json');
  const trips = [{ id: TRIP_ID, from: 'Seoul', to: 'Busan', date: '2026-02-15', departure: '07:00', seats: Number(flags.seats) }];
  if (WARM_UP > 0) trips.push({ id: WARM_UP_TRIP_ID, from: 'Seoul', to: 'Daegu', date: '2026-02-15', departure: '08:00', seats: Number(flags.seats) });
  writeFileSync(tripsFile, JSON.stringify(trips));
  const cloud = await startCloud(port, join(home, 'cloud'));
  const savedHome = process.env.BUS_CLI_HOME;
  try {
    await runCli(['up', '--local', '--port', String(port), '--trips', tripsFile], env);
    const afterUp = await treeMemory(cloud.pid!);
    process.env.BUS_CLI_HOME = home;
    const session = await openStack({ local: true, port }, { startLocal: false, withCode: false });
    try {
      const warmUp = WARM_UP > 0 ? await warmUpFlood(session.ctx) : undefined;
      const options = parseFloodOptions({ requests: flags.requests, connections: flags.connections, trip: TRIP_ID, timeout: DRAIN_TIMEOUT });
      const target = await prepareFlood(session.ctx, options);
      const floor = await sdkFloor(Number(flags['sdk-calls']));
      const memory = followPeakMemory(cloud.pid!);
      const cpuBefore = await cloudCpuSeconds(cloud.pid!);
      const floodCpuBefore = process.cpuUsage();
      if (flags.backlog) await setConsumerPolling(session.ctx, false);
      let resumed: Promise<void> | undefined;
      // With --backlog, the first drain sample (the load is over) turns the consumer on.
      const onDrain = () => void (resumed ??= flags.backlog ? setConsumerPolling(session.ctx, true) : Promise.resolve());
      const { report, load } = await floodStack(session.ctx, target, options, { onDrain });
      await resumed;
      const cpuAfter = await cloudCpuSeconds(cloud.pid!);
      const cpuMsPerRequest = new Map(
        [...cpuAfter].map(([label, seconds]) => [label, ((seconds - (cpuBefore.get(label) ?? 0)) * 1000) / report.load.acceptedCount]),
      );
      const floodCpu = process.cpuUsage(floodCpuBefore);
      const peak = await memory.stop();
      const data = invariantDataFromItems(await scanTable(session.ctx.clients.dynamodb, session.ctx.names.table));
      const failed = report.invariants.filter((i) => !i.pass);
      const accepted = new Set(load.accepted.map((a) => a.requestId));
      const runBookings = data.bookings.filter((b) => accepted.has(b.requestId));
      return {
        sdkFloorMs: floor.perBookingUs / 1000,
        trivialServerMs: floor.serverPerBookingUs / 1000,
        acceptedPerSecond: (report.load.acceptedCount / report.load.elapsedMs) * 1000,
        drainPerSecond: drainRate(runBookings),
        endToEndP99Ms: report.endToEnd?.p99 ?? NaN,
        peakRssMb: Math.max(peak.rssMb, afterUp.rssKb / 1024),
        peakPssMb: Math.max(peak.pssMb, afterUp.pssKb / 1024),
        peakCloudRssMb: peak.cloudRssMb,
        rssAfterUpMb: afterUp.rssKb / 1024,
        apiP50Ms: report.load.latency.uncorrected.p50,
        apiP99Ms: report.load.latency.uncorrected.p99,
        seatsConfirmed: runBookings.filter((b) => b.status === 'confirmed').reduce((sum, b) => sum + (b.seats ?? 0), 0),
        lost: runBookings.filter((b) => b.status === 'queued').length + (accepted.size - runBookings.length),
        cloudCpuMsPerRequest: [...cpuMsPerRequest.values()].reduce((sum, ms) => sum + ms, 0),
        cpuMsPerRequest,
        floodCpuMsPerRequest: (floodCpu.user + floodCpu.system) / 1000 / report.load.acceptedCount,
        invariantsPassed: report.passed && (warmUp?.passed ?? true),
        failedInvariants: [...(warmUp?.failed ?? []), ...failed.map((i) => `${i.name}: ${i.detail}`)],
      };
    } finally {
      session.close();
    }
  } finally {
    if (savedHome === undefined) delete process.env.BUS_CLI_HOME;
    else process.env.BUS_CLI_HOME = savedHome;
    await stopCloud(cloud);
    rmSync(home, { recursive: true, force: true });
  }
}

// Warm the CLI bundle so a changed source does not put a one-time build into the first round.
await runCli(['--help'], {});
const ratioLine = (cpuMs: number, floorMs: number) =>
  `CPU per booking ${cpuMs.toFixed(2)} ms = ${(cpuMs / floorMs).toFixed(2)} x the SDK floor (${floorMs.toFixed(2)} ms)`;
const rounds: RoundFigures[] = [];
for (let i = 0; i < Number(flags.rounds); i++) {
  const r = await round();
  rounds.push(r);
  console.log(`round ${i + 1}: ${ratioLine(r.cloudCpuMsPerRequest, r.sdkFloorMs)}`);
  console.log(
    `  ${r.acceptedPerSecond.toFixed(0)} req/s accepted, drain ${r.drainPerSecond.toFixed(0)} msg/s, e2e p99 ${r.endToEndP99Ms.toFixed(0)} ms, ` +
      `peak RSS ${r.peakRssMb.toFixed(0)} MB (cloud process ${r.peakCloudRssMb.toFixed(0)}, PSS ${r.peakPssMb.toFixed(0)}), ` +
      `API p50/p99 ${r.apiP50Ms.toFixed(1)}/${r.apiP99Ms.toFixed(1)} ms, ${r.seatsConfirmed} seats confirmed, ${r.lost} lost`,
  );
  const byProcess = [...r.cpuMsPerRequest].map(([label, ms]) => `${label} ${ms.toFixed(2)}`).join(', ');
  console.log(`  CPU ms per booking by process: ${byProcess}; ${r.floodCpuMsPerRequest.toFixed(2)} in the flood (not counted)`);
  for (const f of r.failedInvariants) console.log(`  FAILED ${f}`);
}
/** One summary row: the median of the rounds' figure, and their spread when there were several. */
function summary(name: string, figure: (r: RoundFigures) => number, unit: string, note: string): [string, string, string] {
  const values = rounds.map(figure);
  const digits = unit === 'x' || (unit === 'ms' && median(values) < 10) ? 2 : 0;
  const spread = values.length > 1 ? ` (rounds ${Math.min(...values).toFixed(digits)}..${Math.max(...values).toFixed(digits)})` : '';
  return [name, `${median(values).toFixed(digits)} ${unit}`, note + spread];
}

const ratio = (r: RoundFigures) => r.cloudCpuMsPerRequest / r.sdkFloorMs;
/**
 * The Lambda worker processes (every process but the cloud's): the SDK calls plus what the runtime and handlers add
 * around them. Environments that run as threads count in the cloud process instead.
 */
const workersMs = (r: RoundFigures) => r.cloudCpuMsPerRequest - (r.cpuMsPerRequest.get(CLOUD_PROCESS) ?? 0);
const state = flags.ephemeral ? 'ephemeral' : 'durable';
printTable(
  `bench/pipeline: ${flags.requests} requests, ${flags.connections} connections, one ${flags.seats}-seat trip, ${state} cloud, ` +
    `${WARM_UP > 0 ? `environments warmed by ${WARM_UP} bookings` : 'cold environments'} (median of ${rounds.length})`,
  [
    summary('CPU per booking', ratio, 'x', `target <= 2.0; cloud + workers over the SDK floor of the same round`),
    summary('  pipeline', (r) => r.cloudCpuMsPerRequest, 'ms', 'cloud + Lambda workers, flood start to drained'),
    summary('  SDK floor', (r) => r.sdkFloorMs, 'ms', "the Lambdas' SDK calls alone (bench:sdk), on their Node"),
    summary('  worker processes', workersMs, 'ms', "of the pipeline: the SDK calls with the runtime and handlers around them (threads count in the cloud's)"),
    summary('  workers / floor', (r) => workersMs(r) / r.sdkFloorMs, 'x', 'what the runtime and handlers add to the SDK; the rest is the cloud'),
    summary('  trivial server / floor', (r) => r.trivialServerMs / r.sdkFloorMs, 'x', "bench:sdk's server answering the floor's calls, storing nothing"),
    summary('accepted at the API', (r) => r.acceptedPerSecond, 'req/s', ''),
    summary(
      'drain rate',
      (r) => r.drainPerSecond,
      'msg/s',
      `first to last final state, ${flags.backlog ? 'consumer alone on a full queue' : 'during the flood (at most the arrival rate)'}`,
    ),
    summary('end-to-end p99', (r) => r.endToEndP99Ms, 'ms', 'accepted -> final state'),
    summary('peak RSS of the cloud', (r) => r.peakRssMb, 'MB', 'target < 400 MB; cloud + Lambda workers, sum of RSS'),
    summary('peak PSS of the cloud', (r) => r.peakPssMb, 'MB', 'the same with shared pages (the node binary) counted once'),
    summary('RSS after up', (r) => r.rssAfterUpMb, 'MB', ''),
    summary('API latency p50', (r) => r.apiP50Ms, 'ms', 'at the flood'),
    ['seats confirmed', rounds.map((r) => r.seatsConfirmed).join(', '), `want ${flags.seats} in every round`],
    ['lost', rounds.map((r) => r.lost).join(', '), 'accepted but not final; want 0'],
    ['invariants', rounds.every((r) => r.invariantsPassed) ? 'all pass' : 'FAILED', ''],
  ],
);
console.log(`\n${ratioLine(median(rounds.map((r) => r.cloudCpuMsPerRequest)), median(rounds.map((r) => r.sdkFloorMs)))} (medians)`);
if (!rounds.every((r) => r.invariantsPassed)) process.exitCode = 1;
