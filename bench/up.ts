// Issue 2's figures: embedded cloud start time, cold `up --local`, no-op re-`up`, and the cloud's
// resident memory after `up` (cloud process + its Lambda worker processes). Issue 12's: cloud start on
// an empty state dir and on one holding the stack and a 10k-booking table, and flood throughput with
// durable state against --ephemeral, in the same run. Printed, never asserted.
// Run: npm run bench:up [-- --flood 2000 --bookings 10000 --rounds 3]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import { BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import { BIN, freePort, printTable, readPidFile, runCli, treeCpuSeconds, treeRssMb, median } from './lib.js';
import { daemonFiles } from '../src/localcloud/daemon.js';
import { detectLocalEndpoint } from '../src/target/detect.js';
import { openStack } from '../src/session.js';
import { floodStack, prepareFlood } from '../src/flood/stack.js';
import { parseFloodOptions } from '../src/flood/options.js';
import { bookingKey, N, S } from '../lambdas/domain/index.js';
import { formatBytes, stateSize } from '../src/localcloud/state.js';

const { values: flags } = parseArgs({
  options: { flood: { type: 'string', default: '2000' }, bookings: { type: 'string', default: '10000' }, rounds: { type: 'string', default: '3' } },
});
const TRIP_ID = 'bench-up-trip';
/** BatchWriteItem's limit. */
const BATCH = 25;
const WRITERS = 8;

const home = mkdtempSync(join(tmpdir(), 'bus-bench-up-'));
const env = { BUS_CLI_HOME: home };
const tripsFile = join(home, 'trips.json');
writeFileSync(tripsFile, JSON.stringify([{ id: TRIP_ID, from: 'Seoul', to: 'Busan', date: '2026-02-15', departure: '07:00', seats: 500 }]));

/** A cloud in the foreground of a child process; resolves with it and how long it took until the edge answered. */
async function startCloud(port: number, args: string[]): Promise<{ child: ChildProcess; ms: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, 'local', 'start', '--port', String(port), ...args], { stdio: 'ignore' });
  while ((await detectLocalEndpoint(`http://127.0.0.1:${port}`)).kind !== 'embedded') {
    if (child.exitCode !== null) throw new Error(`the cloud exited (${child.exitCode}) during start`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { child, ms: performance.now() - started };
}

async function stopCloud(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function cloudStartMs(port: number, args: string[]): Promise<number> {
  const { child, ms } = await startCloud(port, args);
  await stopCloud(child);
  return ms;
}

/** Runs `fn` with a session on the stack `up` made on `port`. */
async function withStack<T>(port: number, fn: (session: Awaited<ReturnType<typeof openStack>>) => Promise<T>): Promise<T> {
  const saved = process.env.BUS_CLI_HOME;
  process.env.BUS_CLI_HOME = home;
  const session = await openStack({ local: true, port }, { startLocal: false, withCode: false });
  try {
    return await fn(session);
  } finally {
    session.close();
    if (saved === undefined) delete process.env.BUS_CLI_HOME;
    else process.env.BUS_CLI_HOME = saved;
  }
}

/** Writes `count` confirmed bookings into the stack's table, as a long-running stack would hold them. */
async function writeBookings(port: number, count: number): Promise<void> {
  await withStack(port, async ({ ctx }) => {
    let next = 0;
    const writer = async () => {
      while (next < count) {
        const first = next;
        next = Math.min(count, next + BATCH);
        const items = Array.from({ length: next - first }, (_, i) => {
          const requestId = `bench-${first + i}`;
          const at = new Date().toISOString();
          return {
            PutRequest: {
              Item: {
                id: S(bookingKey(requestId)),
                requestId: S(requestId),
                status: S('confirmed'),
                tripId: S(TRIP_ID),
                seats: N(1),
                passenger: S('bench'),
                createdAt: S(at),
                updatedAt: S(at),
              },
            },
          };
        });
        await ctx.clients.dynamodb.send(new BatchWriteItemCommand({ RequestItems: { [ctx.names.table]: items } }));
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, writer));
  });
}

interface FloodFigures {
  /** Accepted at the API. */
  perSecond: number;
  /** CPU of the cloud with its Lambda environments, flood start to drained, per accepted request. */
  cpuMsPerRequest: number;
}

/** A flood of `requests` through the whole stack, on a cloud started with `args`. */
async function flood(args: string[], requests: string): Promise<FloodFigures> {
  const port = await freePort();
  const { child } = await startCloud(port, args);
  try {
    await runCli(['up', '--local', '--port', String(port), '--trips', tripsFile], env);
    return await withStack(port, async ({ ctx }) => {
      const options = parseFloodOptions({ requests, connections: '32', trip: TRIP_ID, timeout: '300s' });
      const target = await prepareFlood(ctx, options);
      const cpuBefore = await treeCpuSeconds(child.pid!);
      const { report } = await floodStack(ctx, target, options);
      const accepted = report.load.acceptedCount;
      return { perSecond: (accepted / report.load.elapsedMs) * 1000, cpuMsPerRequest: (((await treeCpuSeconds(child.pid!)) - cpuBefore) * 1000) / accepted };
    });
  } finally {
    await stopCloud(child);
  }
}

const spread = (values: number[], digits = 0) => `${Math.min(...values).toFixed(digits)} – ${Math.max(...values).toFixed(digits)}`;

try {
  // Warm the CLI bundle first so the figures measure the work, not the one-time build after a source change.
  await runCli(['--help'], env);
  const port = await freePort();
  const start = await cloudStartMs(port, ['--state-dir', join(home, 'fg')]);
  const cold = await runCli(['up', '--local', '--port', String(port)], env);
  const noop = await runCli(['up', '--local', '--port', String(port)], env);
  const pid = readPidFile(daemonFiles(home, port).pidFile);
  const rss = treeRssMb(pid);
  const unchanged = (noop.stderr.match(/= unchanged/g) ?? []).length;
  await runCli(['local', 'stop', '--port', String(port)], env);
  printTable('bus-cli up --local (embedded cloud, strict mode)', [
    ['embedded cloud start', `${start.toFixed(0)} ms`, 'process spawn until the edge answers'],
    ['cold up --local', `${cold.ms.toFixed(0)} ms`, 'target < 5,000 ms (includes starting the cloud)'],
    ['no-op re-up', `${noop.ms.toFixed(0)} ms`, `target < 1,500 ms (${unchanged} resources unchanged)`],
    ['cloud RSS after up', `${rss.toFixed(0)} MB`, 'target < 400 MB (cloud + Lambda workers)'],
  ]);

  // Issue 12: start on existing state. The stack plus a table of 10k bookings, stopped, then started again.
  const fullDir = join(home, 'full');
  const full = await startCloud(port, ['--state-dir', fullDir]);
  await runCli(['up', '--local', '--port', String(port), '--trips', tripsFile], env);
  await writeBookings(port, Number(flags.bookings));
  await stopCloud(full.child);
  // Interleaved rounds, so that the load of a shared machine falls on both sides alike.
  const emptyStarts: number[] = [];
  const fullStarts: number[] = [];
  const durable: FloodFigures[] = [];
  const ephemeral: FloodFigures[] = [];
  for (let round = 0; round < Number(flags.rounds); round++) {
    emptyStarts.push(await cloudStartMs(port, ['--state-dir', join(home, `empty-${round}`)]));
    fullStarts.push(await cloudStartMs(port, ['--state-dir', fullDir]));
    durable.push(await flood(['--state-dir', join(home, `durable-${round}`)], flags.flood));
    ephemeral.push(await flood(['--ephemeral'], flags.flood));
  }
  const rate = (f: FloodFigures[]) => median(f.map((x) => x.perSecond));
  const cpu = (f: FloodFigures[]) => median(f.map((x) => x.cpuMsPerRequest));
  printTable(`durable state (issue 12), median of ${flags.rounds} interleaved rounds`, [
    ['cloud start, empty state dir', `${median(emptyStarts).toFixed(0)} ms`, `process spawn until the edge answers (${spread(emptyStarts)})`],
    [
      `cloud start, stack + ${flags.bookings} bookings`,
      `${median(fullStarts).toFixed(0)} ms`,
      `target < 1,500 ms (${spread(fullStarts)}; state ${formatBytes(stateSize(fullDir))})`,
    ],
    [
      `flood ${flags.flood}, durable`,
      `${rate(durable).toFixed(0)} req/s`,
      `accepted at the API (${spread(durable.map((f) => f.perSecond))}); cloud CPU ${cpu(durable).toFixed(2)} ms per booking`,
    ],
    [
      `flood ${flags.flood}, --ephemeral`,
      `${rate(ephemeral).toFixed(0)} req/s`,
      `(${spread(ephemeral.map((f) => f.perSecond))}); cloud CPU ${cpu(ephemeral).toFixed(2)} ms per booking`,
    ],
    [
      'cost of durable state',
      `${((cpu(durable) / cpu(ephemeral) - 1) * 100).toFixed(0)}%`,
      `CPU per booking; throughput ${((rate(durable) / rate(ephemeral) - 1) * 100).toFixed(0)}%`,
    ],
  ]);
} finally {
  rmSync(home, { recursive: true, force: true });
}
