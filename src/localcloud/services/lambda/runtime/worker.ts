import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { Worker as Thread } from 'node:worker_threads';
import { projectPath } from '../../../../paths.js';
import { FEW_MALLOC_ARENAS, type Isolation } from '../../../core/constants.js';

// By project path, not import.meta.url: this code also runs from the CLI bundle in dist/.
const BOOTSTRAP = projectPath('src', 'localcloud', 'services', 'lambda', 'runtime', 'bootstrap.mjs');
/**
 * The node flags of Lambda's Node.js runtimes, as the bootstrap of AWS's nodejs base images
 * (/var/runtime/bootstrap) starts the runtime, and AWS SAM CLI starts nodejs22.x and nodejs24.x
 * (samcli/local/docker/lambda_debug_settings.py): `global.gc` exists, and HTTP headers may take 80 KiB.
 */
const LAMBDA_NODE_FLAGS = ['--expose-gc', '--max-http-header-size=81920'];
/**
 * Node features Lambda turns off on the runtimes whose Node enables them by default (AWS Lambda Developer Guide,
 * "Building Lambda functions with Node.js", its table of disabled experimental features): require() of an ES module
 * on nodejs20.x and nodejs22.x, and the detection of ES module syntax in a .js file on nodejs22.x. A function that
 * names the feature's own flag in NODE_OPTIONS keeps it: Lambda then drops its flag (a command-line flag would win).
 */
const DISABLED_EXPERIMENTS = [
  { off: '--no-experimental-require-module', on: '--experimental-require-module', runtimeMajors: [20, 22] },
  { off: '--no-experimental-detect-module', on: '--experimental-detect-module', runtimeMajors: [22] },
];
const experimentFlags = ({ runtimeMajor, env }: LambdaNodeSpec) => {
  const asked = (env.NODE_OPTIONS ?? '').split(/\s+/);
  return DISABLED_EXPERIMENTS.filter((e) => e.runtimeMajors.includes(runtimeMajor) && !asked.includes(e.on)).map((e) => e.off);
};
/** The bootstrap's heap: a tenth of the function's memory is V8's young generation, the rest its old space. */
const oldSpaceMb = (memoryMb: number) => memoryMb - Math.floor(memoryMb / 10);
/**
 * V8's semi-spaces per worker process, in MB. Lambda's bootstrap gives half that tenth (12 MB at 256 MB), which grows
 * each busy worker's RSS by ~15-20 MB that a handler making a few SDK calls does not need (bench/pipeline: peak RSS
 * 398 MB against 358-368, for ~0.1 ms less CPU per booking); at 4 MB it keeps that memory without the extra
 * scavenges measured at 1-2 MB. Only the garbage collector's pace differs; the old space is Lambda's.
 */
const SEMI_SPACE_MB = 4;
/**
 * A worker thread's young generation (three semi-spaces' worth), in MB. Threads share the cloud's
 * process, so its peak RSS is theirs too: 6 MB took ~25 MB off a 10k flood's peak with four busy
 * environments and no loss of throughput (bench/pipeline).
 */
const THREAD_YOUNG_GENERATION_MB = 6;
/** Lambda gives the init phase (loading the handler module) this long; a worker that hangs there is killed. */
const INIT_TIMEOUT_MS = 10_000;
/** How much of what reaches a worker's real stdout/stderr is kept for the log of the invocation it kills. */
const MAX_CRASH_OUTPUT = 64 * 1024;
/** Extra node flags for every worker process, set in the cloud's environment (e.g. `--cpu-prof` to profile a function). */
export const WORKER_EXEC_ARGV_ENV = 'BUS_CLI_LAMBDA_NODE_ARGS';
const extraExecArgv = () => (process.env[WORKER_EXEC_ARGV_ENV] ?? '').split(' ').filter(Boolean);

/** What decides the node flags of a function's process. */
type LambdaNodeSpec = Pick<WorkerSpec, 'memoryMb' | 'runtimeMajor' | 'env'>;

/** The node flags a worker process starts with: Lambda's, then the cloud's own (BUS_CLI_LAMBDA_NODE_ARGS). */
export function lambdaProcessExecArgv(spec: LambdaNodeSpec): string[] {
  return [
    ...LAMBDA_NODE_FLAGS,
    ...experimentFlags(spec),
    `--max-old-space-size=${oldSpaceMb(spec.memoryMb)}`,
    `--max-semi-space-size=${SEMI_SPACE_MB}`,
    ...extraExecArgv(),
  ];
}

/** What a worker bakes in at start: a change of any of it needs a fresh worker. */
export interface WorkerSpec {
  /** Identifies the code + configuration revision; workers of another key are retired. */
  key: string;
  codeDir: string;
  env: Record<string, string>;
  memoryMb: number;
  isolation: Isolation;
  /** The Node binary of the function's runtime (Node 24 for nodejs24.x); threads always run on the cloud's own. */
  nodePath: string;
  /** The Node major the runtime declares (22 for nodejs22.x), even where another Node stands in for it. */
  runtimeMajor: number;
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

type FromWorker = ReplyMessage | { ready: true; logs: string[] };

/** The runtime host of one environment, process or thread: messages to it, and what comes back. */
interface Host {
  send(message: InvokeMessage): void;
  kill(): void;
}

interface HostEvents {
  message(message: FromWorker): void;
  /** Text that reached the real stdout/stderr (crash output, the lines of an invocation that called process.exit). */
  output(text: string): void;
  /** Gone, with Lambda's wording of why: "exit status 1", "signal: killed". */
  exit(status: string): void;
}

/**
 * Variables the process gets for its own sake, not the function's: bootstrap.mjs takes the names from its
 * arguments and deletes them before the handler loads, so the function sees the environment Lambda gives
 * it. The cloud's own value wins over the default (as the detached cloud takes yours); one the function's
 * configuration sets is the function's and left alone.
 */
function processOnlyEnvironment(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(FEW_MALLOC_ARENAS)
      .filter(([name]) => env[name] === undefined)
      .map(([name, value]) => [name, process.env[name] ?? value]),
  );
}

function startProcess(spec: WorkerSpec, env: Record<string, string>, events: HostEvents): Host {
  const own = processOnlyEnvironment(env);
  const proc = fork(BOOTSTRAP, Object.keys(own), {
    execPath: spec.nodePath,
    cwd: spec.codeDir,
    env: { ...env, ...own },
    execArgv: lambdaProcessExecArgv(spec),
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  // V8 aborts a process whose heap is full; Lambda kills one that outgrows its memory. Both read "killed".
  const OOM = 'heap out of memory';
  let outOfMemory = false;
  let tail = ''; // the message may arrive split across chunks
  const output = (chunk: Buffer) => {
    const text = chunk.toString();
    tail = (tail + text).slice(-(text.length + OOM.length));
    outOfMemory ||= tail.includes(OOM);
    events.output(text);
  };
  proc.stdout?.on('data', output);
  proc.stderr?.on('data', output);
  proc.on('message', events.message);
  proc.on('error', () => proc.kill('SIGKILL'));
  proc.on('close', (code, signal) => {
    const killed = signal === 'SIGKILL' || (signal === 'SIGABRT' && outOfMemory);
    events.exit(code !== null ? `exit status ${code}` : `signal: ${killed ? 'killed' : signal}`);
  });
  return {
    // A failed send means the process is going away: its 'close' settles the invocation.
    send: (message) => proc.send(message, (err) => err && proc.kill('SIGKILL')),
    kill: () => proc.kill('SIGKILL'),
  };
}

function startThread(spec: WorkerSpec, env: Record<string, string>, events: HostEvents): Host {
  // V8's flags are the process's: a thread cannot take --expose-gc, but every context made after this one has gc.
  setFlagsFromString('--expose-gc');
  const thread = new Thread(BOOTSTRAP, {
    env,
    // Lambda's flags, not the cloud's own (a thread would otherwise inherit the cloud's execArgv, e.g. a loader).
    execArgv: [...LAMBDA_NODE_FLAGS.filter((flag) => flag !== '--expose-gc'), ...experimentFlags(spec)],
    stdout: true,
    stderr: true,
    resourceLimits: { maxOldGenerationSizeMb: oldSpaceMb(spec.memoryMb), maxYoungGenerationSizeMb: THREAD_YOUNG_GENERATION_MB },
  });
  // Terminated by the pool (a timeout) or by V8 (out of memory): Lambda kills the environment in both cases.
  let killed = false;
  const output = (chunk: Buffer) => events.output(chunk.toString());
  thread.stdout.on('data', output);
  thread.stderr.on('data', output);
  thread.on('message', (message: FromWorker | { output: string }) => ('output' in message ? events.output(message.output) : events.message(message)));
  thread.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') killed = true;
    else events.output(`${err.stack ?? err}\n`);
  });
  thread.on('exit', (code) => events.exit(killed ? 'signal: killed' : `exit status ${code}`));
  return {
    send: (message) => thread.postMessage(message),
    kill: () => {
      killed = true;
      void thread.terminate();
    },
  };
}

/** One warm execution environment: bootstrap.mjs in a thread or process of its own (see Isolation). */
export class Worker {
  readonly streamName = newStreamName();
  state: 'starting' | 'idle' | 'busy' | 'dead' = 'starting';
  private readonly startedAt = performance.now();
  /** Cold-start duration, reported once in the first invocation's REPORT line. */
  initMs?: number;
  lastUsed = Date.now();
  private readonly host: Host;
  private pending?: (outcome: WorkerOutcome) => void;
  /** Whatever reaches the real stdout/stderr: crash output and the lines of an invocation that called process.exit. */
  private output = '';

  constructor(
    readonly spec: WorkerSpec,
    events: WorkerEvents,
  ) {
    const env = { ...spec.env, AWS_LAMBDA_LOG_STREAM_NAME: this.streamName };
    let initTimer: NodeJS.Timeout | undefined;
    const hostEvents: HostEvents = {
      message: (message) => {
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
      },
      output: (text) => (this.output = (this.output + text).slice(-MAX_CRASH_OUTPUT)),
      exit: (status) => {
        clearTimeout(initTimer);
        const wasStarting = this.state === 'starting';
        this.state = 'dead';
        const outcome: WorkerOutcome = { kind: 'exit', status, logs: this.output.split('\n').filter(Boolean) };
        const settle = this.pending;
        this.pending = undefined;
        settle?.(outcome);
        events.exit(this, wasStarting ? outcome : undefined);
      },
    };
    const start = spec.isolation === 'process' ? startProcess : startThread;
    try {
      this.host = start(spec, env, hostEvents);
    } catch (err) {
      // Could not even start (fork or thread refused): a startup failure, reported as the pool expects, once.
      this.host = { send: () => {}, kill: () => {} };
      queueMicrotask(() => {
        hostEvents.output(`${(err as Error)?.stack ?? err}\n`);
        hostEvents.exit('exit status 1');
      });
      return;
    }
    initTimer = setTimeout(() => this.host.kill(), INIT_TIMEOUT_MS);
  }

  invoke(message: InvokeMessage): Promise<WorkerOutcome> {
    this.state = 'busy';
    return new Promise((resolve) => {
      this.pending = resolve;
      this.host.send(message);
    });
  }

  /** The cold-start duration, once: only an environment's first invocation reports it. */
  takeInitMs(): number | undefined {
    const ms = this.initMs;
    this.initMs = undefined;
    return ms;
  }

  /** Stops the environment; a pending invocation is dropped (the caller already answered it, e.g. on timeout). */
  kill(): void {
    this.pending = undefined;
    if (this.state !== 'dead') this.host.kill();
  }
}
