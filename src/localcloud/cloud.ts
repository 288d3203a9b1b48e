import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CloudClock } from './core/clock.js';
import { ACCOUNT_ID, DEFAULT_PORT, LAMBDA_ISOLATIONS, LOOPBACK } from './core/constants.js';
import type { Principal, CloudContext, LocalCloudOptions, ServiceApis, ServicePlugin, StrictTimings } from './core/types.js';
import { acquireLock, checkStateFormat } from './core/persist.js';
import { createEdge, type Edge } from './edge/server.js';
import { createServices } from './services/index.js';
import { creatableNodeRuntimes } from '../runtimes/calendar.js';
import { nodeFor } from '../runtimes/node.js';

/**
 * AWS's states in strict mode, each held long enough that the CLI must wait for it (so the waiting code
 * runs on every local `up`), short enough that a local `up` stays fast. AWS takes ~10 s to propagate a
 * role; `bus-cli local start --no-strict` turns all of this off.
 */
export const STRICT_TIMINGS: StrictTimings = {
  rolePropagationMs: 800,
  functionUpdateMs: 250,
  mappingTransitionMs: 250,
  tableTransitionMs: 150,
  queueDeletedRecentlyMs: 60_000,
  bucketNameReuseMs: 2_000,
  publicAccessPropagationMs: 500,
};

export const LAX_TIMINGS: StrictTimings = {
  rolePropagationMs: 0,
  functionUpdateMs: 0,
  mappingTransitionMs: 0,
  tableTransitionMs: 0,
  queueDeletedRecentlyMs: 0,
  bucketNameReuseMs: 0,
  publicAccessPropagationMs: 0,
};

export type StartOptions = Partial<Omit<LocalCloudOptions, 'timings'>> & { timings?: Partial<StrictTimings> };

export function resolveOptions(opts: StartOptions = {}): LocalCloudOptions {
  const strict = opts.strict ?? true;
  return {
    host: opts.host ?? LOOPBACK,
    port: opts.port ?? DEFAULT_PORT,
    strict,
    // Absolute: function code is run from under it, by workers with a working directory of their own.
    stateDir: resolve(opts.stateDir ?? join(tmpdir(), `bus-cli-localcloud-${process.pid}`)),
    ephemeral: opts.ephemeral ?? false,
    timings: { ...(strict ? STRICT_TIMINGS : LAX_TIMINGS), ...opts.timings },
    faults: opts.faults ?? { throttleRate: 0, errorRate: 0 },
    verbose: opts.verbose ?? false,
    remoteLambdaEndpoint: opts.remoteLambdaEndpoint,
    dynamoPartitionWriteRate: opts.dynamoPartitionWriteRate ?? 0,
    foreignBucketNames: opts.foreignBucketNames ?? [],
    lambdaIsolation: opts.lambdaIsolation ?? LAMBDA_ISOLATIONS[0],
    date: opts.date,
  };
}

/** The embedded AWS-compatible cloud: one edge, one plugin per service, shared in-process APIs. */
export class LocalCloud implements CloudContext {
  readonly options: LocalCloudOptions;
  private readonly apis: Partial<ServiceApis> = {};
  private readonly plugins: ServicePlugin[] = [];
  private edge?: Edge;
  private port = 0;
  private releaseLock?: () => void;
  /** The directory an ephemeral cloud made for itself: removed when it stops, as it keeps nothing. */
  private scratchDir?: string;
  private stopped?: Promise<void>;
  readonly startedAt = Date.now();
  readonly clock = new CloudClock();

  private constructor(options: LocalCloudOptions) {
    this.options = options;
    if (options.date) this.clock.set(options.date);
  }

  static async start(opts: StartOptions = {}): Promise<LocalCloud> {
    // An ephemeral cloud given no directory gets one of its own (function code and logs live there), not the
    // process's default, which another cloud of this process (or of a later one with this pid) would share.
    const scratchDir = opts.ephemeral && opts.stateDir === undefined ? mkdtempSync(join(tmpdir(), 'bus-cli-localcloud-')) : undefined;
    const cloud = new LocalCloud(resolveOptions({ ...opts, stateDir: scratchDir ?? opts.stateDir }));
    cloud.scratchDir = scratchDir;
    const { stateDir, ephemeral } = cloud.options;
    mkdirSync(stateDir, { recursive: true });
    if (!ephemeral) cloud.releaseLock = acquireLock(stateDir);
    try {
      if (!ephemeral) checkStateFormat(stateDir);
      const plugins = createServices(cloud);
      // Before any plugin starts: an edge option that does not hold (e.g. fault rates) leaves nothing running.
      cloud.edge = createEdge(cloud, plugins, () => cloud.health());
      // A plugin whose state cannot be read stops the start: the ones started before it stop again.
      for (const p of plugins) {
        await p.start?.();
        cloud.plugins.push(p);
      }
      // Only a cloud fronting LocalStack's Lambda loads the SDK's Lambda client (~10 MB of the process otherwise).
      const { remoteLambdaEndpoint } = cloud.options;
      if (remoteLambdaEndpoint) cloud.provide('lambda', (await import('./remoteLambda.js')).remoteLambdaApi(remoteLambdaEndpoint));
      cloud.port = await cloud.edge.listen(cloud.options.port, cloud.options.host);
      for (const p of plugins) p.listening?.();
    } catch (err) {
      try {
        for (const p of [...cloud.plugins].reverse()) await p.stop?.();
      } finally {
        cloud.releaseLock?.();
        cloud.removeScratchDir();
      }
      throw err;
    }
    return cloud;
  }

  get endpoint(): string {
    const host = this.options.host === '0.0.0.0' ? LOOPBACK : this.options.host;
    return `http://${host}:${this.port}`;
  }

  health() {
    const services: Record<string, string> = {};
    for (const p of this.plugins) for (const name of p.signingNames) services[name] = 'running';
    return {
      name: 'bus-cli-localcloud',
      pid: process.pid,
      strict: this.options.strict,
      // Where its state lives (none when --ephemeral): `up --local` says so when it is not the project's own.
      stateDir: this.options.ephemeral ? undefined : this.options.stateDir,
      lambdaIsolation: this.options.lambdaIsolation,
      // Which Node runs each runtime AWS still creates functions with (`local status` lists them).
      runtimes: creatableNodeRuntimes(this.clock.now()).map((runtime) => nodeFor(runtime)!),
      uptimeMs: Date.now() - this.startedAt,
      services,
    };
  }

  api<K extends keyof ServiceApis>(name: K): ServiceApis[K] {
    const api = this.apis[name];
    if (!api) throw new Error(`service api '${name}' is not available`);
    return api;
  }

  provide<K extends keyof ServiceApis>(name: K, api: ServiceApis[K]): void {
    this.apis[name] = api;
  }

  principalFor(accessKeyId: string | undefined): Principal {
    return this.apis.iam?.principalFor(accessKeyId) ?? { kind: 'root', arn: `arn:aws:iam::${ACCOUNT_ID}:root`, accessKeyId };
  }

  /** Stops it once: a second call (a test that stops a cloud its teardown stops again) waits for the first. */
  stop(): Promise<void> {
    this.stopped ??= this.stopOnce();
    return this.stopped;
  }

  private async stopOnce(): Promise<void> {
    await this.edge?.close();
    // Every plugin stops (and the lock goes) even when one cannot: a full disk refusing a last compaction.
    const failures: unknown[] = [];
    for (const p of [...this.plugins].reverse()) {
      try {
        await p.stop?.();
      } catch (err) {
        failures.push(err);
      }
    }
    this.releaseLock?.();
    this.removeScratchDir();
    if (failures.length) throw failures[0];
  }

  /** Best effort: a directory that will not go (a killed worker still closing a file in it) fails no stop. */
  private removeScratchDir(): void {
    if (!this.scratchDir) return;
    try {
      rmSync(this.scratchDir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // Left in the system's temporary directory, which is what it is for.
    }
  }
}

export { DEFAULT_PORT };
