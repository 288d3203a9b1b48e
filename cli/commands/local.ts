import chalk from 'chalk';
import type { LocalCloud } from '../../src/localcloud/cloud.js';
import { daemonFiles, isAlive, readPid, startDetached, stopDetached } from '../../src/localcloud/daemon.js';
import { detectLocalEndpoint } from '../../src/target/detect.js';
import { busHome } from '../../src/paths.js';
import { freePortFrom } from '../../src/target/free-port.js';
import { UserError } from '../../src/errors.js';
import { LOOPBACK } from '../../src/localcloud/core/constants.js';
import { ensureNodeFor, fallbackWarning, nodeFor, type RuntimeNode } from '../../src/runtimes/node.js';
import { creatableNodeRuntimes } from '../../src/runtimes/calendar.js';
import { confirm, spinnerReporter } from '../ui.js';
import { defaultStateDir, formatBytes, resetState, stateSize } from '../../src/localcloud/state.js';
import { existsSync } from 'node:fs';
import { WORKER_EXEC_ARGV_ENV } from '../../src/localcloud/services/lambda/runtime/worker.js';
import type { Isolation } from '../../src/localcloud/core/constants.js';
import { localStopLine } from '../../src/hints.js';

export interface LocalFlags {
  port: number;
  host: string;
  stateDir?: string;
  ephemeral?: boolean;
  strict: boolean;
  detach?: boolean;
  verbose?: boolean;
  throttleRate?: number;
  errorRate?: number;
  faultSeed?: number;
  hotKeyWriteRate?: number;
  lambdaEndpoint?: string;
  lambdaIsolation?: Isolation;
  date?: Date;
}

const lambdaIn = (isolation: string) => `Lambda in ${isolation === 'process' ? 'processes' : 'threads'}`;

/** The flags that shape the cloud, passed on unchanged when it is started detached. */
function cloudArgs(flags: LocalFlags): string[] {
  const args = flags.strict ? [] : ['--no-strict'];
  if (flags.ephemeral) args.push('--ephemeral');
  if (flags.throttleRate) args.push('--throttle-rate', String(flags.throttleRate));
  if (flags.errorRate) args.push('--error-rate', String(flags.errorRate));
  if (flags.faultSeed !== undefined) args.push('--fault-seed', String(flags.faultSeed));
  if (flags.hotKeyWriteRate) args.push('--hot-key-write-rate', String(flags.hotKeyWriteRate));
  if (flags.lambdaEndpoint) args.push('--lambda-endpoint', flags.lambdaEndpoint);
  if (flags.lambdaIsolation) args.push('--lambda-isolation', flags.lambdaIsolation);
  if (flags.date) args.push('--date', flags.date.toISOString());
  return args;
}

/** `bus-cli local start`: the embedded cloud in the foreground (Ctrl-C stops it), or detached with --detach. */
export async function localStartCommand(flags: LocalFlags): Promise<void> {
  if (flags.host !== LOOPBACK && flags.host !== 'localhost') {
    process.stderr.write(chalk.yellow(`warning: listening on ${flags.host}, reachable from other machines; the cloud has no authentication\n`));
  }
  if (process.env[WORKER_EXEC_ARGV_ENV] && flags.lambdaIsolation === 'thread') {
    process.stderr.write(chalk.yellow(`warning: ${WORKER_EXEC_ARGV_ENV} is ignored with --lambda-isolation thread; node flags need worker processes\n`));
  }
  const endpoint = `http://${flags.host === '0.0.0.0' ? LOOPBACK : flags.host}:${flags.port}`;
  const found = await detectLocalEndpoint(endpoint);
  if (found.kind === 'embedded')
    throw new UserError(`an embedded cloud already runs on ${endpoint} (pid ${found.health.pid})`, `use it, or \`${localStopLine(flags.port)}\` first`);
  if (found.kind !== 'none')
    throw new UserError(`port ${flags.port} is taken (${found.kind === 'localstack' ? 'LocalStack' : found.detail})`, await freePortHint(flags.port));
  if (flags.detach) {
    const { pid, files } = await startDetached(busHome(), flags.port, flags.host, cloudArgs(flags));
    process.stdout.write(`embedded cloud started on ${endpoint} (pid ${pid}, log ${files.logFile})\n`);
    return;
  }
  const started = Date.now();
  const stateDir = flags.stateDir ?? defaultStateDir(busHome(), flags.port);
  let cloud: LocalCloud;
  // The cloud (dynalite, fauxqs, every service) loads only when it is really started here.
  const { LocalCloud } = await import('../../src/localcloud/cloud.js');
  try {
    cloud = await LocalCloud.start({
      port: flags.port,
      host: flags.host,
      stateDir,
      ephemeral: flags.ephemeral,
      strict: flags.strict,
      verbose: flags.verbose,
      faults: { throttleRate: flags.throttleRate ?? 0, errorRate: flags.errorRate ?? 0, seed: flags.faultSeed },
      dynamoPartitionWriteRate: flags.hotKeyWriteRate ?? 0,
      remoteLambdaEndpoint: flags.lambdaEndpoint,
      lambdaIsolation: flags.lambdaIsolation,
      date: flags.date,
    });
  } catch (err) {
    if (err instanceof RangeError) throw new UserError(err.message, 'fault rates are fractions from 0 to 1 that add up to at most 1');
    throw err;
  }
  process.stdout.write(
    `embedded cloud listening on ${cloud.endpoint} (strict ${flags.strict ? 'on' : 'off'}, ${lambdaIn(cloud.options.lambdaIsolation)}, ${stateLine(cloud.options.ephemeral ? undefined : cloud.options.stateDir)}, started in ${Date.now() - started} ms, pid ${process.pid})\n`,
  );
  const stop = async () => {
    // What could not be flushed (a full disk) was kept as written: say so, and stop all the same.
    await cloud.stop().catch((err: Error) => process.stderr.write(`warning: ${err.message}\n`));
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const stateLine = (dir: string | undefined) => (dir ? `state in ${dir} (${formatBytes(stateSize(dir))})` : 'state in memory (--ephemeral)');

/** Which Node runs a runtime's functions: the loud warning when the host's Node stands in for it. */
function runtimeLine(node: RuntimeNode): string {
  if (node.source === 'fallback') return chalk.yellow(`  ${node.runtime.padEnd(11)} ${fallbackWarning(node)}`);
  return `  ${node.runtime.padEnd(11)} Node ${node.version} (${node.source === 'host' ? "the host's" : node.path})`;
}

/**
 * `bus-cli local runtimes [--fetch]`: the Node each runtime runs on here, fetching the missing ones with --fetch
 * (`npm test` does, so that the tests themselves talk to nothing but loopback). Exit 1 while one stands in.
 */
export async function localRuntimesCommand(flags: { fetch?: boolean }): Promise<number> {
  const reporter = spinnerReporter();
  const nodes: RuntimeNode[] = [];
  for (const runtime of creatableNodeRuntimes(new Date())) {
    const node = flags.fetch ? await ensureNodeFor(runtime, (message) => reporter.progress(runtime, message)) : nodeFor(runtime);
    reporter.clear(runtime);
    nodes.push(node!);
  }
  reporter.stop();
  for (const node of nodes) process.stdout.write(`${runtimeLine(node)}\n`);
  return nodes.some((node) => node.source === 'fallback') ? 1 : 0;
}

/** Another port to start on, checked free now. */
async function freePortHint(taken: number): Promise<string> {
  const free = await freePortFrom(taken + 1);
  return free === undefined ? 'choose a free port with --port' : `choose another, e.g. bus-cli local start --port ${free} (free now)`;
}

/** `bus-cli local stop`. */
export async function localStopCommand(flags: Pick<LocalFlags, 'port'>): Promise<void> {
  const stopped = await stopDetached(busHome(), flags.port);
  process.stdout.write(stopped ? `embedded cloud on port ${flags.port} stopped\n` : `no detached embedded cloud was running on port ${flags.port}\n`);
}

/** `bus-cli local reset`: wipes a state dir no cloud runs on, after a confirmation (or --yes). */
export async function localResetCommand(flags: Pick<LocalFlags, 'port' | 'stateDir'> & { yes?: boolean }): Promise<void> {
  const dir = flags.stateDir ?? defaultStateDir(busHome(), flags.port);
  const what = `the local cloud's state in ${dir} (${formatBytes(stateSize(dir))}): every table, queue, bucket, role, function and API`;
  if (!flags.yes) {
    if (!process.stdin.isTTY) throw new UserError(`local reset would delete ${what}`, 'pass --yes to confirm');
    if (!(await confirm(`delete ${what}? [y/N] `))) return;
  }
  resetState(dir);
  process.stdout.write(`local cloud state in ${dir} deleted; the next start begins empty\n`);
}

/** `bus-cli local status`. */
export async function localStatusCommand(flags: Pick<LocalFlags, 'port'>): Promise<number> {
  const endpoint = `http://${LOOPBACK}:${flags.port}`;
  const found = await detectLocalEndpoint(endpoint);
  const pid = readPid(daemonFiles(busHome(), flags.port));
  switch (found.kind) {
    case 'embedded': {
      const isolation = found.health.lambdaIsolation ? `, ${lambdaIn(found.health.lambdaIsolation)}` : '';
      process.stdout.write(`embedded cloud running on ${endpoint} (pid ${found.health.pid}, strict ${found.health.strict ? 'on' : 'off'}${isolation})\n`);
      process.stdout.write(`  ${stateLine(found.health.stateDir)}\n`);
      for (const node of found.health.runtimes ?? []) process.stdout.write(`${runtimeLine(node)}\n`);
      return 0;
    }
    case 'localstack':
      process.stdout.write(`LocalStack answers on ${endpoint}\n`);
      return 0;
    case 'other':
      process.stdout.write(`port ${flags.port} is taken by something else: ${found.detail}\n`);
      return 1;
    default: {
      process.stdout.write(`nothing runs on ${endpoint}${pid && !isAlive(pid) ? ' (stale pid file removed on next start)' : ''}\n`);
      const dir = defaultStateDir(busHome(), flags.port);
      if (existsSync(dir)) process.stdout.write(`  ${stateLine(dir)}, kept for the next start\n`);
      return 1;
    }
  }
}
