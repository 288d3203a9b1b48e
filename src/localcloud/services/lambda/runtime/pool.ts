import { Worker, type InvokeMessage, type WorkerOutcome, type WorkerSpec } from './worker.js';

/** What the pool needs to know about the function now: the spec new workers get and how many may run. */
export interface PoolTarget {
  spec: WorkerSpec;
  maxWorkers: number;
}

export type ExecutionOutcome = WorkerOutcome | { kind: 'timeout' };

export interface Execution {
  outcome: ExecutionOutcome;
  worker: Worker;
  /** Set on a worker's first invocation: its cold start. */
  initMs?: number;
  durationMs: number;
}

type JobMessage = Omit<InvokeMessage, 'deadline'>;

interface Job {
  message: JobMessage;
  timeoutMs: number;
  resolve(execution: Execution): void;
  reject(reason: Error): void;
}

/**
 * The execution environments of one function: one invocation at a time per worker, workers
 * started on demand up to the function's concurrency, extra invocations queued, workers of
 * an older code or configuration revision retired instead of reused.
 */
export class WorkerPool {
  private readonly workers = new Set<Worker>();
  /** Most recently used last, so that a light load keeps reusing the same warm worker. */
  private readonly idle: Worker[] = [];
  private readonly queue: Job[] = [];
  /** Started for a revision not live yet (see stage): not counted, not used, until it lands. */
  private readonly staged = new Set<Worker>();
  private starting = 0;
  private running = 0;
  private closed = false;
  /** Slots held by event source pollers between their receive and their invoke (claim). */
  private claimed = 0;
  private readonly claimants: (() => void)[] = [];

  constructor(
    private readonly target: () => PoolTarget,
    private readonly onInitLogs: (worker: Worker, lines: string[]) => void,
  ) {}

  /** Invocations accepted and not yet finished, queued or running: what concurrency limits count. */
  get load(): number {
    return this.queue.length + this.running;
  }

  get size(): number {
    return this.workers.size;
  }

  execute(message: JobMessage, timeoutMs: number): Promise<Execution> {
    return new Promise((resolve, reject) => {
      this.queue.push({ message, timeoutMs, resolve, reject });
      this.dispatch();
    });
  }

  /**
   * Waits until an invocation made now would start without queueing behind others, and holds that slot
   * until the returned function is called (a poller: claim, receive, let go and invoke in the same turn).
   * Lambda gives each poller's batch an environment at once; here environments are capped per function, and
   * a batch received first and then queued would see its visibility timeout run out behind other batches,
   * be received again and count towards the DLQ's maxReceiveCount without ever failing.
   */
  claim(): Promise<() => void> {
    return new Promise((resolve) => {
      this.claimants.push(() => {
        this.claimed++;
        let held = true;
        resolve(() => {
          if (!held) return;
          held = false;
          this.claimed--;
          this.admitClaimants();
        });
      });
      this.admitClaimants();
    });
  }

  private admitClaimants(): void {
    // A closed pool lets its claimants through: their invocation then fails as the function is gone.
    while (this.claimants.length > 0 && (this.closed || this.load + this.claimed < this.target().maxWorkers)) this.claimants.shift()!();
  }

  /** Stops workers idle for longer than `idleMs`, as Lambda recycles unused environments. */
  reap(idleMs: number): void {
    const cutoff = Date.now() - idleMs;
    for (let i = this.idle.length - 1; i >= 0; i--) {
      if (this.idle[i].lastUsed < cutoff) this.retire(this.idle.splice(i, 1)[0]);
    }
  }

  /**
   * An update is InProgress: workers of its revision start now, as many as run the function today, and
   * stay out of service until it lands (recycle), so that its first invocations find the new code loaded.
   */
  stage(spec: WorkerSpec): void {
    if (this.closed) return;
    const count = Math.min(this.workers.size, this.target().maxWorkers);
    for (let i = 0; i < count; i++) this.spawn(spec, true);
  }

  /**
   * A new revision is live: each idle worker of an older one stops, and a worker staged for the new one takes
   * its place (or one starts now). Busy workers finish their invocation on the code it started with, then
   * retire (release). Staged workers of any other revision stop.
   */
  recycle(): void {
    if (this.closed) return;
    const { spec, maxWorkers } = this.target();
    const stale = this.idle.filter((w) => w.spec.key !== spec.key);
    for (const worker of stale) {
      this.idle.splice(this.idle.indexOf(worker), 1);
      this.retire(worker);
    }
    let replacements = stale.length;
    for (const worker of this.staged) {
      // Killed, it stays staged until its exit: that is how the exit is told from a pool worker's.
      if (worker.spec.key !== spec.key) {
        worker.kill();
        continue;
      }
      replacements--;
      this.staged.delete(worker);
      this.workers.add(worker);
      // One still starting counts as starting: an invocation waits for it rather than starting another from cold.
      if (worker.state === 'starting') this.starting++;
      else this.release(worker);
    }
    for (let i = 0; i < replacements && this.workers.size < maxWorkers; i++) this.spawn(spec);
  }

  /** The function is gone (deleted, or the cloud stops): its workers stop and waiting invocations fail. */
  close(): void {
    this.closed = true;
    for (const worker of this.workers) this.retire(worker);
    for (const worker of this.staged) worker.kill();
    this.idle.length = 0;
    for (const job of this.queue.splice(0)) job.reject(new Error('The function was deleted while the invocation waited for a worker.'));
    this.admitClaimants();
  }

  /** Out of the pool at once (so that the count of live workers is right), then stopped. */
  private retire(worker: Worker): void {
    this.workers.delete(worker);
    worker.kill();
  }

  private dispatch(): void {
    if (this.closed) return;
    const { spec, maxWorkers } = this.target();
    while (this.queue.length > 0 && this.idle.length > 0) {
      const worker = this.idle.pop()!;
      if (worker.spec.key === spec.key) this.run(worker, this.queue.shift()!);
      else this.retire(worker);
    }
    while (this.queue.length > this.starting && this.workers.size < maxWorkers) this.spawn(spec);
  }

  private spawn(spec: WorkerSpec, staged = false): void {
    if (!staged) this.starting++;
    const worker = new Worker(spec, {
      ready: (w, initLogs) => {
        if (initLogs.length) this.onInitLogs(w, initLogs);
        if (this.staged.has(w)) return; // ready for when its revision lands (recycle)
        this.starting--;
        this.release(w);
      },
      exit: (w, startupFailure) => {
        if (this.staged.delete(w)) return;
        this.workers.delete(w);
        const idleAt = this.idle.indexOf(w);
        if (idleAt !== -1) this.idle.splice(idleAt, 1);
        if (startupFailure) {
          this.starting--;
          // A runtime that cannot start fails one waiting invocation instead of respawning forever.
          this.queue.shift()?.resolve({ outcome: startupFailure, worker: w, durationMs: 0 });
        }
        this.dispatch();
        this.admitClaimants();
      },
    });
    (staged ? this.staged : this.workers).add(worker);
  }

  private run(worker: Worker, job: Job): void {
    this.running++;
    const started = performance.now();
    const initMs = worker.takeInitMs();
    let timer: NodeJS.Timeout | undefined;
    const finish = (outcome: ExecutionOutcome) => {
      clearTimeout(timer);
      this.running--;
      job.resolve({ outcome, worker, initMs, durationMs: performance.now() - started });
      this.admitClaimants();
    };
    timer = setTimeout(() => {
      this.retire(worker);
      finish({ kind: 'timeout' });
    }, job.timeoutMs);
    void worker.invoke({ ...job.message, deadline: Date.now() + job.timeoutMs }).then((outcome) => {
      finish(outcome);
      if (outcome.kind === 'reply' && !outcome.exiting) this.release(worker);
      else this.retire(worker);
    });
  }

  /** A worker that finished: back to the idle list if still current and wanted, else stopped. */
  private release(worker: Worker): void {
    const { spec, maxWorkers } = this.target();
    worker.lastUsed = Date.now();
    if (worker.spec.key !== spec.key || this.workers.size > maxWorkers) {
      this.retire(worker);
      return;
    }
    worker.state = 'idle';
    this.idle.push(worker);
    this.dispatch();
  }
}
