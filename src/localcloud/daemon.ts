import { setTimeout as sleep } from 'node:timers/promises';
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectLocalEndpoint } from '../target/detect.js';
import { projectPath } from '../paths.js';
import { isAlive } from './core/persist.js';
import { FEW_MALLOC_ARENAS } from './core/constants.js';

export { isAlive };

const BIN = projectPath('cli', 'bus-cli.mjs');
const START_TIMEOUT_MS = 20_000;

export interface DaemonFiles {
  dir: string;
  pidFile: string;
  logFile: string;
}

/** The detached cloud's log, in its state dir (kept by `local reset`). */
export const LOG_FILE = 'localcloud.log';

export function daemonFiles(home: string, port: number): DaemonFiles {
  const dir = join(home, `localcloud-${port}`);
  return { dir, pidFile: join(dir, 'localcloud.pid'), logFile: join(dir, LOG_FILE) };
}

export function readPid(files: DaemonFiles): number | undefined {
  if (!existsSync(files.pidFile)) return undefined;
  const pid = Number(readFileSync(files.pidFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function logTail(files: DaemonFiles, lines = 15): string {
  if (!existsSync(files.logFile)) return '';
  return readFileSync(files.logFile, 'utf8').trim().split('\n').slice(-lines).join('\n');
}

/** The environment the cloud's process starts with, under the caller's own. */
export const CLOUD_PROCESS_ENV = FEW_MALLOC_ARENAS;

/** Starts the embedded cloud as a detached process (pid and log files under `home`) and waits until it answers. */
export async function startDetached(home: string, port: number, host: string, extraArgs: string[] = []): Promise<{ pid: number; files: DaemonFiles }> {
  const files = daemonFiles(home, port);
  mkdirSync(files.dir, { recursive: true });
  const log = openSync(files.logFile, 'a');
  const child = spawn(process.execPath, [BIN, 'local', 'start', '--port', String(port), '--host', host, '--state-dir', files.dir, ...extraArgs], {
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...CLOUD_PROCESS_ENV, ...process.env, BUS_CLI_DAEMON: '1' },
  });
  closeSync(log);
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? 1));
  child.unref();
  writeFileSync(files.pidFile, String(child.pid));
  const endpoint = `http://${host}:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited !== null) {
      rmSync(files.pidFile, { force: true });
      throw new Error(`the embedded cloud exited during start (code ${exited}); its log says:\n${logTail(files)}`);
    }
    const found = await detectLocalEndpoint(endpoint);
    if (found.kind === 'embedded') return { pid: child.pid!, files };
    await sleep(100);
  }
  throw new Error(`the embedded cloud did not answer on ${endpoint} within ${START_TIMEOUT_MS / 1000} s; see ${files.logFile}`);
}

/** Stops a detached cloud by its pid file; false when none was running. */
export async function stopDetached(home: string, port: number): Promise<boolean> {
  const files = daemonFiles(home, port);
  const pid = readPid(files);
  rmSync(files.pidFile, { force: true });
  if (!pid || !isAlive(pid)) return false;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 50 && isAlive(pid); i++) await sleep(100);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  return true;
}
