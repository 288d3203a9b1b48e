import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { projectPath } from '../../../../paths.js';

// By project path, not import.meta.url: this code also runs from the CLI bundle in dist/.
const BOOTSTRAP = projectPath('src', 'localcloud', 'services', 'lambda', 'runtime', 'bootstrap.mjs');
/** Share of the function's memory given to V8's old space, leaving the rest to the process itself. */
const HEAP_SHARE = 0.9;
/**
 * V8's young generation per worker, in MB. The default (16 MB semi-spaces) grows each busy worker's
 * RSS by ~30 MB that a handler making a few SDK calls does not need; at 4 MB it keeps most of that
 * saving (bench/pipeline) without the extra scavenges measured at 1-2 MB.
 */
const SEMI_SPACE_MB = 4;
/** Lambda gives the init phase (loading the handler module) this long; a worker that hangs there is killed. */
const INIT_TIMEOUT_MS = 10_000;
/** How much of what reaches a worker's real stdout/stderr is kept for the log of the invocation it kills. */
const MAX_CRASH_OUTPUT = 64 * 1024;
/** Extra node flags for every worker, set in the cloud's environment (e.g. `--cpu-prof` to profile a function). */
export const WORKER_EXEC_ARGV_ENV = 'BUS_CLI_LAMBDA_NODE_ARGS';
const extraExecArgv = () => (process.env[WORKER_EXEC_ARGV_ENV] ?? '').split(' ').filter(Boolean);

/** What a worker bakes in at start: a change of any of it needs a fresh worker. */
export interface WorkerSpec {
  /** Identifies the code + configuration revision; workers of another key are retired. */
  key: string;
  codeDir: string;
  env: Record<string, string>;
  memoryMb: number;
}

export interface InvokeMessage {
  id: string;
  /** The event as JSON text, parsed by the worker. */
  event: string;
  /** Epoch ms when the function times out, for context.getRemainingTimeInMillis(). */
  deadline: number;
  arn: string;
  clientContext?: string;
}

export interface FunctionErrorBody {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

export type WorkerOutcome =
  /** `exiting`: the runtime is ending after this reply (an error escaped the handler), so the worker must not be reused. */
  | { kind: 'reply'; payload?: string; error?: FunctionErrorBody; logs: string[]; rssBytes: number; exiting?: boolean }
  /** The process ended mid-invocation; `status` reads like Lambda's ("exit status 1", "signal: killed"). */
  | { kind: 'exit'; status: string; logs: string[] };

interface ReplyMessage {
  id: string;
  payload?: string;
  error?: FunctionErrorBody;
  logs: string[];
  rss: number;
  exiting?: boolean;
}

export interface WorkerEvents {
  ready(worker: Worker, initLogs: string[]): void;
  /** The process is gone; `outcome` is set when it died before becoming ready. */
  exit(worker: Worker, outcome?: WorkerOutcome): void;
}

/** `YYYY/MM/DD/[$LATEST]<32 hex>`, the stream name Lambda gives each execution environment. */
function newStreamName(): string {
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '/');
  return `${day}/[$LATEST]${randomBytes(16).toString('hex')}`;
}

/** One warm execution environment: a forked Node process running bootstrap.mjs. */
export class Worker {
  readonly streamName = newStreamName();
  state: 'starting' | 'idle' | 'busy' | 'dead' = 'starting';
  private readonly startedAt = performance.now();
  /** Cold-start duration, reported once in the first invocation's REPORT line. */
  initMs?: number;
  lastUsed = Date.now();
  private readonly proc: ChildProcess;
  private pending?: (outcome: WorkerOutcome) => void;
  /** Whatever reaches the real stdout/stderr: crash output and the lines of an invocation that called process.exit. */
  private output = '';

  constructor(
    readonly spec: WorkerSpec,
    events: WorkerEvents,
  ) {
    this.proc = fork(BOOTSTRAP, [], {
      cwd: spec.codeDir,
      env: { ...spec.env, AWS_LAMBDA_LOG_STREAM_NAME: this.streamName },
      execArgv: [`--max-old-space-size=${Math.floor(spec.memoryMb * HEAP_SHARE)}`, `--max-semi-space-size=${SEMI_SPACE_MB}`, ...extraExecArgv()],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const initTimer = setTimeout(() => this.proc.kill('SIGKILL'), INIT_TIMEOUT_MS);
    const collect = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-MAX_CRASH_OUTPUT));
    this.proc.stdout?.on('data', collect);
    this.proc.stderr?.on('data', collect);
    this.proc.on('message', (message: ReplyMessage | { ready: true; logs: string[] }) => {
      if ('ready' in message) {
        clearTimeout(initTimer);
        this.initMs = performance.now() - this.startedAt;
        this.state = 'idle';
        events.ready(this, message.logs);
        return;
      }
      const settle = this.pending;
      this.pending = undefined;
      settle?.({ kind: 'reply', payload: message.payload, error: message.error, logs: message.logs, rssBytes: message.rss, exiting: message.exiting });
    });
    this.proc.on('error', () => this.proc.kill('SIGKILL'));
    this.proc.on('close', (code, signal) => {
      clearTimeout(initTimer);
      const wasStarting = this.state === 'starting';
      this.state = 'dead';
      const outcome: WorkerOutcome = {
        kind: 'exit',
        status: code !== null ? `exit status ${code}` : `signal: ${signal === 'SIGKILL' ? 'killed' : signal}`,
        logs: this.output.split('\n').filter(Boolean),
      };
      const settle = this.pending;
      this.pending = undefined;
      settle?.(outcome);
      events.exit(this, wasStarting ? outcome : undefined);
    });
  }

  invoke(message: InvokeMessage): Promise<WorkerOutcome> {
    this.state = 'busy';
    return new Promise((resolve) => {
      this.pending = resolve;
      // A failed send means the process is going away: its 'close' settles the invocation.
      this.proc.send(message, (err) => {
        if (err) this.proc.kill('SIGKILL');
      });
    });
  }

  /** The cold-start duration, once: only an environment's first invocation reports it. */
  takeInitMs(): number | undefined {
    const ms = this.initMs;
    this.initMs = undefined;
    return ms;
  }

  /** Stops the process; a pending invocation is dropped (the caller already answered it, e.g. on timeout). */
  kill(): void {
    this.pending = undefined;
    if (this.state !== 'dead') this.proc.kill('SIGKILL');
  }
}
