import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { ensureNodeFor, fallbackWarning, needsFetch, nodeFor, type RuntimeNode } from '../../../../runtimes/node.js';
import type { CloudContext } from '../../../core/types.js';
import type { Deployment, LambdaFunction } from '../store.js';
import { workerEnvironment } from './environment.js';
import { LogSink } from './logsink.js';
import { WorkerPool, type Execution, type PoolTarget } from './pool.js';
import type { WorkerSpec } from './worker.js';

/**
 * Workers per function when it has no reserved concurrency: a local machine's share, not an AWS limit.
 * One per core beyond the one this cloud's own process keeps busy (at least one): a handler mostly waits on
 * this cloud's edge, and every extra environment pays its own module load, JIT warm-up and ~100 MB of
 * process (the node binary's pages alone are ~47 MB of RSS in each). On 2 cores one worker per function took
 * a 10k flood's peak from ~600 MB to under 400 MB with less CPU per booking at the same rate (bench/README.md,
 * "One environment per function on two cores"). Reserved concurrency raises it.
 */
const DEFAULT_WORKERS = Math.max(1, availableParallelism() - 1);
/** Never more environments per function than this, whatever the reserved concurrency (invocations queue instead). */
const MAX_WORKERS = 32;
/** Lambda recycles environments left unused; so do we, after this long. */
const IDLE_TTL_MS = 120_000;
const REAP_EVERY_MS = 15_000;
/** LogType=Tail returns the last 4 KB of the invocation's log. */
const TAIL_BYTES = 4096;
/** Largest synchronous response payload Lambda returns. */
const MAX_RESPONSE_BYTES = 6_291_556;
const MiB = 1024 * 1024;

export interface InvocationResult {
  payload: Buffer;
  functionError?: 'Unhandled';
  /** Base64 of the last 4 KB of the invocation's log, when asked for. */
  logTail?: string;
}

export interface InvokeOptions {
  tail?: boolean;
  clientContext?: string;
}

interface Verdict {
  payload: string;
  failed: boolean;
  /** Lines Lambda itself adds after the function's own (timeout, runtime exit). */
  extraLines: string[];
  status?: string;
  rssBytes?: number;
}

/** Lambda's answer for each way an execution can end. */
function verdictOf(execution: Execution, requestId: string, timeoutSeconds: number): Verdict {
  const { outcome } = execution;
  if (outcome.kind === 'timeout') {
    const message = `${new Date().toISOString()} ${requestId} Task timed out after ${timeoutSeconds.toFixed(2)} seconds`;
    return { payload: JSON.stringify({ errorMessage: message }), failed: true, extraLines: [message], status: 'Status: timeout' };
  }
  if (outcome.kind === 'exit') {
    const message = `RequestId: ${requestId} Error: Runtime exited with error: ${outcome.status}`;
    return { payload: JSON.stringify({ errorType: 'Runtime.ExitError', errorMessage: message }), failed: true, extraLines: [message, 'Runtime.ExitError'] };
  }
  if (outcome.error) return { payload: JSON.stringify(outcome.error), failed: true, extraLines: [], rssBytes: outcome.rssBytes };
  const payload = outcome.payload ?? 'null';
  if (Buffer.byteLength(payload) > MAX_RESPONSE_BYTES) {
    const errorMessage = `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`;
    return { payload: JSON.stringify({ errorMessage, errorType: 'Function.ResponseSizeTooLarge' }), failed: true, extraLines: [], rssBytes: outcome.rssBytes };
  }
  return { payload, failed: false, extraLines: [], rssBytes: outcome.rssBytes };
}

function reportLine(requestId: string, execution: Execution, memorySize: number, verdict: Verdict): string {
  const d = execution.durationMs;
  const used = verdict.rssBytes === undefined ? memorySize : Math.min(memorySize, Math.ceil(verdict.rssBytes / MiB));
  let line = `REPORT RequestId: ${requestId}\tDuration: ${d.toFixed(2)} ms\tBilled Duration: ${Math.ceil(d)} ms\tMemory Size: ${memorySize} MB\tMax Memory Used: ${used} MB\t`;
  if (execution.initMs !== undefined) line += `Init Duration: ${execution.initMs.toFixed(2)} ms\t`;
  if (verdict.status) line += verdict.status;
  return line;
}

/** Runs functions in pools of warm workers (threads or processes) and writes their logs the way Lambda does. */
export class LambdaRuntime {
  private readonly pools = new Map<LambdaFunction, WorkerPool>();
  private readonly targets = new WeakMap<LambdaFunction, PoolTarget & { revision: number }>();
  private readonly sink: LogSink;
  private readonly reaper: NodeJS.Timeout;
  /** Node majors whose stand-in was already announced: the warning is loud, once. */
  private readonly warned = new Set<number>();

  constructor(private readonly cloud: CloudContext) {
    this.sink = new LogSink(() => cloud.api('logs'), join(cloud.options.stateDir, 'logs'));
    this.reaper = setInterval(() => {
      for (const pool of this.pools.values()) pool.reap(IDLE_TTL_MS);
    }, REAP_EVERY_MS);
    this.reaper.unref();
  }

  /**
   * Readies the Node a runtime runs on (fetched once when it is not here), for a function being created or
   * moved to it: the function stays Pending / InProgress until this settles. Undefined when nothing is to fetch.
   */
  prepare(runtime: string): Promise<void> | undefined {
    if (!needsFetch(runtime)) return undefined;
    return ensureNodeFor(runtime, (message) => process.stderr.write(`${message}\n`)).then((node) => node && this.announce(node));
  }

  private announce(node: RuntimeNode): void {
    if (node.source !== 'fallback' || this.warned.has(node.major)) return;
    this.warned.add(node.major);
    process.stderr.write(`${fallbackWarning(node)}\n`);
  }

  /** Invocations of the function queued or running now. */
  load(fn: LambdaFunction): number {
    return this.pools.get(fn)?.load ?? 0;
  }

  /** A slot in the function's environments, held until the returned function is called (WorkerPool.claim). */
  claim(fn: LambdaFunction): Promise<() => void> {
    return this.poolFor(fn).claim();
  }

  async invoke(fn: LambdaFunction, event: string, options: InvokeOptions = {}): Promise<InvocationResult> {
    const requestId = randomUUID();
    const { timeout, memorySize } = fn.live.config;
    const execution = await this.poolFor(fn).execute({ id: requestId, event, arn: fn.arn, clientContext: options.clientContext }, timeout * 1000);
    const verdict = verdictOf(execution, requestId, timeout);
    const functionLines = execution.outcome.kind === 'timeout' ? [] : execution.outcome.logs;
    const lines = [
      `START RequestId: ${requestId} Version: $LATEST`,
      ...functionLines,
      ...verdict.extraLines,
      `END RequestId: ${requestId}`,
      reportLine(requestId, execution, memorySize, verdict),
    ];
    this.sink.write(fn.region, fn.name, execution.worker.streamName, lines);
    return {
      payload: Buffer.from(verdict.payload),
      functionError: verdict.failed ? 'Unhandled' : undefined,
      logTail: options.tail
        ? Buffer.from(`${lines.join('\n')}\n`)
            .subarray(-TAIL_BYTES)
            .toString('base64')
        : undefined,
    };
  }

  /** New code is InProgress (same runtime): its environments start now, to serve when it lands (see WorkerPool.stage). */
  stage(fn: LambdaFunction): void {
    this.pools.get(fn)?.stage(this.specOf(fn, { config: fn.config, code: fn.code, revision: fn.live.revision + 1 }));
  }

  /** A new revision went live: its warm environments are replaced by ones running it (see WorkerPool.recycle). */
  recycle(fn: LambdaFunction): void {
    this.pools.get(fn)?.recycle();
  }

  /** Stops the function's workers (it was deleted). */
  discard(fn: LambdaFunction): void {
    this.pools.get(fn)?.close();
    this.pools.delete(fn);
  }

  stop(): void {
    clearInterval(this.reaper);
    for (const pool of this.pools.values()) pool.close();
    this.pools.clear();
    this.sink.close();
  }

  private poolFor(fn: LambdaFunction): WorkerPool {
    let pool = this.pools.get(fn);
    if (!pool) {
      pool = new WorkerPool(
        () => this.targetOf(fn),
        (worker, lines) => this.sink.write(fn.region, fn.name, worker.streamName, lines),
      );
      this.pools.set(fn, pool);
    }
    return pool;
  }

  /** Cached per deployed revision: workers' environments are built once, not per invocation. */
  private targetOf(fn: LambdaFunction): PoolTarget {
    const maxWorkers = Math.min(fn.reservedConcurrency ?? DEFAULT_WORKERS, MAX_WORKERS);
    let target = this.targets.get(fn);
    if (!target || target.revision !== fn.live.revision) {
      target = { revision: fn.live.revision, maxWorkers, spec: this.specOf(fn, fn.live) };
      this.targets.set(fn, target);
    }
    target.maxWorkers = maxWorkers;
    return target;
  }

  private specOf(fn: LambdaFunction, deployment: Deployment): WorkerSpec {
    const node = nodeFor(deployment.config.runtime)!;
    this.announce(node);
    return {
      key: `${deployment.code.hash}#${deployment.revision}`,
      codeDir: deployment.code.dir,
      env: workerEnvironment(this.cloud, fn, deployment),
      memoryMb: deployment.config.memorySize,
      nodePath: node.path,
      runtimeMajor: node.major,
      // A thread runs on the cloud's own Node: a runtime of another major needs a process of its own.
      isolation: node.source === 'cache' ? 'process' : this.cloud.options.lambdaIsolation,
    };
  }
}
