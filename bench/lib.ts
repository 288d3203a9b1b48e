import { execFile, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { projectPath } from '../src/paths.js';
import { hostMajor, nodeFor } from '../src/runtimes/node.js';
import { SETTINGS } from '../src/stack/config.js';

export const BIN = projectPath('cli', 'bus-cli.mjs');

/** What the Lambdas' own SDK calls cost per booking, clients only (bench/sdk-call-cost.ts --json). */
export interface SdkFloor {
  node: string;
  referenceUs: number;
  perBookingUs: number;
  /** What bench:sdk's trivial server spends answering those calls: the least any server adds. */
  serverPerBookingUs: number;
}

/** The Node that runs the stack's Lambdas (their runtime's), or this one where it is not here. */
export function lambdasNode(): { path: string; major: number } {
  const node = nodeFor(SETTINGS.runtime);
  return node ? { path: node.path, major: node.major } : { path: process.execPath, major: hostMajor() };
}

/** A --warm-up value: a whole number of bookings flooded, unmeasured, before the measured flood (0 for none). */
export function parseWarmUp(value: string): number {
  const bookings = Number(value);
  if (!Number.isInteger(bookings) || bookings < 0) throw new Error(`--warm-up takes a whole number of bookings (0 for none), not '${value}'`);
  return bookings;
}

/**
 * The SDK floor measured now, on the Node that runs the stack's Lambdas (their runtime's), in a child
 * process: what a booking's SDK calls cost the Lambdas that make them, with a server that costs nothing.
 */
export async function sdkFloor(calls: number): Promise<SdkFloor> {
  const node = lambdasNode().path;
  const args = ['--import', 'tsx', projectPath('bench', 'sdk-call-cost.ts'), '--json', '--calls', String(calls)];
  const { stdout } = await promisify(execFile)(node, args, { cwd: projectPath(), maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as SdkFloor;
}

/** The median of some figures (the mean of the middle two for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A free loopback port, so a bench never collides with a running cloud on 4566. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Runs `bus-cli <args>` and returns its wall time and output; throws with the output on a non-zero exit. */
export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env, CI: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve({ ms, stdout, stderr });
      else reject(new Error(`bus-cli ${args.join(' ')} exited ${code}\n${stdout}\n${stderr}`));
    });
  });
}

/** Resident memory of a process and all its descendants (the cloud plus its Lambda workers), in MB. */
export function treeRssMb(pid: number): number {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,rss='], { encoding: 'utf8' });
  const rows = out
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number));
  const children = new Map<number, number[]>();
  for (const [p, pp] of rows) children.set(pp, [...(children.get(pp) ?? []), p]);
  const rss = new Map(rows.map(([p, , r]) => [p, r]));
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    total += rss.get(p) ?? 0;
    stack.push(...(children.get(p) ?? []));
  }
  return total / 1024;
}

/** USER_HZ of /proc/<pid>/stat on Linux. */
const CLOCK_TICKS_PER_SECOND = 100;

/** The process's own CPU seconds and those of the children it already reaped, from /proc/<pid>/stat. */
export async function cpuSeconds(pid: number): Promise<{ own: number; reaped: number }> {
  // utime, stime, cutime, cstime: fields 14-17 of proc(5), counted after the command name.
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
  const ticks = fields.slice(11, 15).map(Number);
  return { own: (ticks[0] + ticks[1]) / CLOCK_TICKS_PER_SECOND, reaped: (ticks[2] + ticks[3]) / CLOCK_TICKS_PER_SECOND };
}

/** CPU seconds of a process and its descendants so far, the exited ones included. */
export async function treeCpuSeconds(pid: number): Promise<number> {
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    try {
      const { own, reaped } = await cpuSeconds(p);
      total += own + reaped;
      const children = await readFile(`/proc/${p}/task/${p}/children`, 'utf8');
      for (const child of children.trim().split(/\s+/)) if (child) stack.push(Number(child));
    } catch {
      // The process ended between two reads: its parent counts it as reaped next time.
    }
  }
  return total;
}

export const readPidFile = (path: string) => Number(readFileSync(path, 'utf8').trim());

export function printTable(title: string, rows: [string, string, string?][]) {
  console.log(`\n${title}`);
  const w = Math.max(...rows.map((r) => r[0].length));
  for (const [name, value, note] of rows) console.log(`  ${name.padEnd(w)}  ${value.padStart(10)}  ${note ?? ''}`);
}
