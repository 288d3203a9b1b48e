import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Histogram } from 'hdr-histogram-js';
import { IDEMPOTENCY_KEY_HEADER } from '../../lambdas/domain/index.js';
import { Http1Pool, type Http1Exchange } from './http1.js';
import { createLatencyHistogram, percentileMs, summarizeLatency, toMicros, type LatencyStats } from './latency.js';
import { idempotencyKey, idempotencyKeyPrefix, RequestMix, type InvalidKind, type PlannedRequest, type RequestKind } from './requests.js';
import { Timeline, type TimelineBucket } from './timeline.js';

export const BOOK_BUS_PATH = '/api/book-bus';
/** Below this share of the target arrival rate the run says so: its latencies describe a lighter load. */
export const TARGET_RATE_TOLERANCE = 0.95;
const TICK_MS = 1_000;
/**
 * A target that gave nothing but transport errors (refused, reset) for this long is taken for dead: the
 * flood stops sending (and the drain stops following) instead of retrying into the void until its end.
 */
export const TARGET_SILENCE_MS = 5_000;

/** Why sending ended before the plan did: Ctrl-C (the signal), or a target that stopped answering. */
export type LoadStop = { kind: 'interrupted' } | ({ kind: 'target-lost' } & TargetLost);

/** When (ms since the phase began) the target stopped answering, and the last error it gave. */
export interface TargetLost {
  atMs: number;
  reason: string;
}

/** What to send, independent of where (options.ts builds it from the CLI flags). */
export interface LoadPlan {
  /** open: a fixed arrival rate, whatever the answers; closed: `connections` users sending back to back. */
  model: 'open' | 'closed';
  /** Open model: requests per second. */
  rate?: number;
  /** Closed model: concurrent users; open model: the size of the socket pool. */
  connections: number;
  /** Exactly one of `requests` and `durationMs` bounds the run. */
  requests?: number;
  durationMs?: number;
  tripIds: string[];
  /** Fraction (0..1) re-sent with an earlier request's Idempotency-Key. */
  duplicates: number;
  /** Fraction (0..1) sent malformed; each must be answered 4xx. */
  invalid: number;
  requestTimeoutMs: number;
}

export interface LoadOptions extends LoadPlan {
  /** The stage's invoke URL (with the stage path, no trailing /api/...). */
  apiUrl: string;
  /** Stops sending new requests; the ones in flight still finish. */
  signal?: AbortSignal;
  /** Names the run's Idempotency-Keys; random by default. */
  runId?: string;
}

/** Once a second while the load runs. */
export interface LoadProgress {
  elapsedMs: number;
  sent: number;
  s2xx: number;
  s4xx: number;
  s5xx: number;
  errors: number;
  inFlight: number;
  /** Answers (and errors) in the last full second. */
  currentRate: number;
  p50Ms: number;
  p99Ms: number;
}

export interface StatusCounts {
  /** Requests handed to the socket pool. */
  sent: number;
  /** Requests that got an HTTP answer. */
  answered: number;
  s2xx: number;
  s4xx: number;
  s5xx: number;
  /** 1xx/3xx answers: the API never sends them, so any is worth a look. */
  other: number;
  /** Transport failures, no HTTP answer. */
  errors: number;
  byStatus: Record<string, number>;
  errorsByCode: Record<string, number>;
}

export interface AcceptedRequest {
  requestId: string;
  idempotencyKey: string;
}

/** A re-sent Idempotency-Key and what came back for it and for its original. status 0: no HTTP answer. */
export interface DuplicateAnswer {
  idempotencyKey: string;
  status: number;
  requestId?: string;
  originalStatus: number;
  originalRequestId?: string;
}

export interface InvalidAnswer {
  kind: InvalidKind;
  /** 0 when no HTTP answer came. */
  status: number;
}

export interface LoadResult {
  runId: string;
  model: 'open' | 'closed';
  plan: LoadPlan;
  /** Epoch ms of the first request. */
  startedAt: number;
  /** From the first request to the last answer. */
  elapsedMs: number;
  counts: StatusCounts;
  mix: Record<RequestKind, number>;
  throughput: {
    /** Answers (and errors) per second over the run. */
    answeredPerSecond: number;
    /** Requests written to a socket per second; in the open model compared with the target. */
    sentPerSecond: number;
    targetRate?: number;
    targetReached?: boolean;
  };
  latency: {
    /** Open model: from the intended send time, so queueing in the generator or pool counts (no coordinated omission). */
    corrected: LatencyStats;
    /** From the moment the request was written to the socket. */
    uncorrected: LatencyStats;
  };
  timeline: TimelineBucket[];
  /** Every request answered 2xx with a requestId, once per requestId. */
  accepted: AcceptedRequest[];
  duplicates: DuplicateAnswer[];
  invalid: InvalidAnswer[];
  warnings: string[];
  /** Set when the run ended before its plan did. */
  stop?: LoadStop;
}

/** Floods `${apiUrl}/api/book-bus` as the plan says and measures every answer. */
export async function runLoad(options: LoadOptions, onTick?: (progress: LoadProgress) => void): Promise<LoadResult> {
  assertBounded(options);
  const run = new LoadRun(options, onTick);
  return run.start();
}

function assertBounded(plan: LoadPlan): void {
  if ((plan.requests === undefined) === (plan.durationMs === undefined)) {
    throw new Error('runLoad needs exactly one of requests and durationMs');
  }
  if (plan.model === 'open' && !(plan.rate !== undefined && plan.rate > 0)) throw new Error('runLoad: the open model needs rate > 0');
}

/** The mutable state of one run; `Exchange` objects report into it. */
class LoadRun {
  private readonly runId: string;
  private readonly pool: Http1Pool;
  private readonly mix: RequestMix;
  /**
   * The corrected latency of every answer is in the timeline (one record per answer). Only the answers whose
   * uncorrected latency differs (open model: nearly all; closed model: a socket's first request, written on
   * connect) are recorded again, both ways, so that uncorrected = corrected - correctedWhereDiffering + uncorrectedWhereDiffering.
   */
  private readonly correctedWhereDiffering: Histogram = createLatencyHistogram();
  private readonly uncorrectedWhereDiffering: Histogram = createLatencyHistogram();
  private readonly counts: StatusCounts = { sent: 0, answered: 0, s2xx: 0, s4xx: 0, s5xx: 0, other: 0, errors: 0, byStatus: {}, errorsByCode: {} };
  private readonly kinds: Record<RequestKind, number> = { valid: 0, duplicate: 0, invalid: 0 };
  /** Per request index: the requestId of its 2xx answer, and its HTTP status (0 = no answer). */
  private readonly requestIds: (string | undefined)[] = [];
  private readonly statuses: number[] = [];
  private readonly duplicateExchanges: { index: number; originalIndex: number }[] = [];
  private readonly invalid: InvalidAnswer[] = [];
  private timeline!: Timeline;
  private startedAtEpoch = 0;
  private startedAt = 0;
  private deadline = Infinity;
  private lastAnswerAt = 0;
  private written = 0;
  private lastWrittenAt = 0;
  private inFlight = 0;
  private stopped = false;
  private stopReason?: LoadStop;
  /** When the current run of transport errors (no HTTP answer since) began, and its latest error. */
  private failingSince?: number;
  private lastFailure = '';
  private ticker?: NodeJS.Timeout;
  private scheduler?: NodeJS.Timeout;
  private finished!: () => void;

  constructor(
    private readonly options: LoadOptions,
    private readonly onTick?: (progress: LoadProgress) => void,
  ) {
    this.runId = options.runId ?? randomBytes(4).toString('hex');
    const url = new URL(options.apiUrl);
    this.pool = new Http1Pool({
      origin: url,
      path: url.pathname.replace(/\/+$/, '') + BOOK_BUS_PATH,
      method: 'POST',
      connections: options.connections,
      headers: { 'content-type': 'application/json' },
      keyHeader: { name: IDEMPOTENCY_KEY_HEADER, prefix: idempotencyKeyPrefix(this.runId) },
      timeoutMs: options.requestTimeoutMs,
    });
    this.mix = new RequestMix({ runId: this.runId, tripIds: options.tripIds, duplicates: options.duplicates, invalid: options.invalid });
  }

  async start(): Promise<LoadResult> {
    const done = new Promise<void>((resolve) => (this.finished = resolve));
    this.startedAtEpoch = Date.now();
    this.startedAt = performance.now();
    this.timeline = new Timeline(this.startedAt);
    if (this.options.durationMs !== undefined) this.deadline = this.startedAt + this.options.durationMs;
    const { signal } = this.options;
    const onAbort = () => this.stop({ kind: 'interrupted' });
    signal?.addEventListener('abort', onAbort, { once: true });
    this.ticker = setInterval(() => this.tick(), TICK_MS);
    if (signal?.aborted) this.stop({ kind: 'interrupted' });
    else if (this.options.model === 'open') this.pumpOpen();
    else for (let user = 0; user < this.options.connections && this.mayStart(performance.now()); user++) this.send(performance.now());
    this.finishIfIdle();
    await done;
    signal?.removeEventListener('abort', onAbort);
    await this.pool.close();
    return this.result();
  }

  /** Open model: sends every request whose intended time has come, then sleeps until the next one. */
  private pumpOpen(): void {
    const intervalMs = 1_000 / this.options.rate!;
    const now = performance.now();
    for (let intended = this.nextIntended(intervalMs); intended <= now; intended = this.nextIntended(intervalMs)) {
      if (!this.mayStart(intended)) break;
      this.send(intended);
    }
    if (this.stopped) {
      this.finishIfIdle();
      return;
    }
    this.scheduler = setTimeout(() => this.pumpOpen(), Math.max(0, this.nextIntended(intervalMs) - performance.now()));
  }

  private nextIntended(intervalMs: number): number {
    return this.startedAt + this.counts.sent * intervalMs;
  }

  /** Whether a request intended at `at` belongs to the run; the first that does not ends the sending. */
  private mayStart(at: number): boolean {
    const more = !this.stopped && at < this.deadline && (this.options.requests === undefined || this.counts.sent < this.options.requests);
    if (!more) this.stop();
    return more;
  }

  private send(intendedAt: number): void {
    const request = this.mix.next();
    this.counts.sent++;
    this.kinds[request.kind]++;
    this.requestIds.push(undefined);
    this.statuses.push(0);
    if (request.kind === 'duplicate') this.duplicateExchanges.push({ index: request.index, originalIndex: request.originalIndex });
    this.timeline.at(intendedAt).sent++;
    this.inFlight++;
    // Closed model: the request is written now, when it was intended; open model: later than intended, by how late the timer fired.
    this.pool.dispatch(new Exchange(this, request, intendedAt), this.options.model === 'closed' ? intendedAt : performance.now());
  }

  wrote(at: number): void {
    this.written++;
    this.lastWrittenAt = at;
  }

  answered(exchange: Exchange, status: number, body: string | undefined): void {
    const now = performance.now();
    const bucket = this.timeline.at(now);
    const corrected = toMicros(now - exchange.intendedAt);
    this.timeline.recordLatency(corrected);
    if (exchange.writtenAt !== exchange.intendedAt) {
      const uncorrected = toMicros(now - exchange.writtenAt);
      if (uncorrected !== corrected) {
        this.correctedWhereDiffering.recordValue(corrected);
        this.uncorrectedWhereDiffering.recordValue(uncorrected);
      }
    }
    this.counts.answered++;
    this.failingSince = undefined;
    this.counts.byStatus[status] = (this.counts.byStatus[status] ?? 0) + 1;
    if (status >= 200 && status < 300) {
      this.counts.s2xx++;
      bucket.s2xx++;
      if (body !== undefined) this.requestIds[exchange.request.index] = requestIdOf(body);
    } else if (status >= 400 && status < 500) {
      this.counts.s4xx++;
      bucket.s4xx++;
    } else if (status >= 500) {
      this.counts.s5xx++;
      bucket.s5xx++;
    } else this.counts.other++;
    this.settle(exchange, status, now);
  }

  failed(exchange: Exchange, error: Error): void {
    const now = performance.now();
    this.timeline.at(now).errors++;
    this.counts.errors++;
    const code = (error as { code?: string }).code ?? error.name;
    this.counts.errorsByCode[code] = (this.counts.errorsByCode[code] ?? 0) + 1;
    this.failingSince ??= now;
    this.lastFailure = describeTransportError(error);
    this.checkTargetAlive(now);
    this.settle(exchange, 0, now);
  }

  private checkTargetAlive(now: number): void {
    if (this.failingSince === undefined || now - this.failingSince < TARGET_SILENCE_MS) return;
    this.stop({ kind: 'target-lost', atMs: this.failingSince - this.startedAt, reason: this.lastFailure });
  }

  private settle(exchange: Exchange, status: number, now: number): void {
    const { request } = exchange;
    this.statuses[request.index] = status;
    if (request.kind === 'invalid') this.invalid.push({ kind: request.invalidKind!, status });
    this.lastAnswerAt = now;
    this.inFlight--;
    if (this.options.model === 'closed' && this.mayStart(now)) this.send(now);
    else this.finishIfIdle();
  }

  /** Ends the sending; `reason` when it ends before the plan does (the first reason stands). */
  private stop(reason?: LoadStop): void {
    if (!this.stopped) this.stopReason = reason;
    this.stopped = true;
    clearTimeout(this.scheduler);
    this.finishIfIdle();
  }

  private finishIfIdle(): void {
    if (!this.stopped || this.inFlight > 0) return;
    clearInterval(this.ticker);
    this.finished();
  }

  private tick(): void {
    const now = performance.now();
    this.checkTargetAlive(now);
    this.timeline.at(now);
    const last = this.timeline.closed.at(-1);
    this.onTick?.({
      elapsedMs: now - this.startedAt,
      sent: this.counts.sent,
      s2xx: this.counts.s2xx,
      s4xx: this.counts.s4xx,
      s5xx: this.counts.s5xx,
      errors: this.counts.errors,
      inFlight: this.inFlight,
      currentRate: last ? last.s2xx + last.s4xx + last.s5xx + last.errors : 0,
      p50Ms: last?.p50Ms ?? percentileMs(this.timeline.latencies, 50),
      p99Ms: last?.p99Ms ?? percentileMs(this.timeline.latencies, 99),
    });
  }

  private result(): LoadResult {
    const endedAt = Math.max(this.lastAnswerAt, this.startedAt);
    const elapsedMs = endedAt - this.startedAt;
    const timeline = this.timeline.finish(endedAt);
    const { rate } = this.options;
    const sentPerSecond = this.sentPerSecond();
    const targetReached = rate === undefined || this.options.model !== 'open' ? undefined : sentPerSecond >= rate * TARGET_RATE_TOLERANCE;
    const warnings =
      targetReached === false
        ? [
            `target rate not reached: sent ${round(sentPerSecond)} req/s of the ${rate} req/s asked (${Math.round((sentPerSecond / rate!) * 100)}%); ` +
              'the API answered too slowly for the socket pool, or this machine could not send faster',
          ]
        : [];
    return {
      runId: this.runId,
      model: this.options.model,
      plan: planOf(this.options),
      startedAt: this.startedAtEpoch,
      elapsedMs,
      counts: this.counts,
      mix: this.kinds,
      throughput: {
        answeredPerSecond: elapsedMs > 0 ? round(((this.counts.answered + this.counts.errors) * 1_000) / elapsedMs) : 0,
        sentPerSecond: round(sentPerSecond),
        targetRate: rate,
        targetReached,
      },
      latency: { corrected: summarizeLatency(this.timeline.latencies), uncorrected: summarizeLatency(this.uncorrected()) },
      timeline,
      ...this.answers(),
      warnings,
      ...(this.stopReason && { stop: this.stopReason }),
    };
  }

  /** The corrected latencies with the differing ones swapped for their uncorrected values. */
  private uncorrected(): Histogram {
    const uncorrected = createLatencyHistogram();
    uncorrected.add(this.timeline.latencies);
    if (this.correctedWhereDiffering.totalCount === 0) return uncorrected;
    uncorrected.subtract(this.correctedWhereDiffering);
    uncorrected.add(this.uncorrectedWhereDiffering);
    return uncorrected;
  }

  /**
   * Open model: requests written per second, counting the span from the first intended send to the last write
   * plus one interval, so a perfectly paced run scores exactly the target. Closed model: written / elapsed.
   */
  private sentPerSecond(): number {
    if (this.written === 0) return 0;
    const spanMs = this.lastWrittenAt - this.startedAt + (this.options.model === 'open' ? 1_000 / this.options.rate! : 0);
    return spanMs > 0 ? (this.written * 1_000) / spanMs : 0;
  }

  private answers(): Pick<LoadResult, 'accepted' | 'duplicates' | 'invalid'> {
    const key = (index: number) => idempotencyKey(this.runId, index);
    const seen = new Set<string>();
    const accepted: AcceptedRequest[] = [];
    const accept = (requestId: string | undefined, index: number) => {
      if (requestId === undefined || seen.has(requestId)) return;
      seen.add(requestId);
      accepted.push({ requestId, idempotencyKey: key(index) });
    };
    const duplicateIndexes = new Set(this.duplicateExchanges.map((duplicate) => duplicate.index));
    this.requestIds.forEach((requestId, index) => {
      if (!duplicateIndexes.has(index)) accept(requestId, index);
    });
    const duplicates = this.duplicateExchanges.map(({ index, originalIndex }): DuplicateAnswer => {
      // A duplicate may be the only answer for its key when the original failed in transit.
      accept(this.requestIds[index], originalIndex);
      return {
        idempotencyKey: key(originalIndex),
        status: this.statuses[index]!,
        requestId: this.requestIds[index],
        originalStatus: this.statuses[originalIndex]!,
        originalRequestId: this.requestIds[originalIndex],
      };
    });
    return { accepted, duplicates, invalid: this.invalid };
  }
}

/**
 * One request as the pool sends it: the body and key index to write, and whether a 2xx body is wanted (it is
 * for valid requests and duplicates, where the requestId is; the pool hands over only a body naming one).
 */
class Exchange implements Http1Exchange {
  writtenAt = 0;
  readonly body: Buffer;
  readonly keyIndex: number;
  readonly readsBody: boolean;

  constructor(
    private readonly run: LoadRun,
    readonly request: PlannedRequest,
    readonly intendedAt: number,
  ) {
    this.body = request.body;
    this.keyIndex = request.originalIndex;
    this.readsBody = request.kind !== 'invalid';
  }

  onWritten(at: number): void {
    this.writtenAt = at;
    this.run.wrote(at);
  }

  onAnswer(status: number, body: string | undefined): void {
    this.run.answered(this, status, body);
  }

  onError(error: Error): void {
    this.run.failed(this, error);
  }
}

/** The plan part of the options: plain data, without the URL, signal or run id. */
function planOf({ model, rate, connections, requests, durationMs, tripIds, duplicates, invalid, requestTimeoutMs }: LoadOptions): LoadPlan {
  return { model, rate, connections, requests, durationMs, tripIds, duplicates, invalid, requestTimeoutMs };
}

const REQUEST_ID_FIELD = '"requestId":"';

/** The requestId of a 2xx answer; a plain scan first (JSON.parse of every answer shows in profiles), JSON.parse when spaced. */
export function requestIdOf(body: string): string | undefined {
  const start = body.indexOf(REQUEST_ID_FIELD);
  if (start >= 0) {
    const end = body.indexOf('"', start + REQUEST_ID_FIELD.length);
    if (end > 0) return body.slice(start + REQUEST_ID_FIELD.length, end);
  }
  if (!body.includes('"requestId"')) return undefined;
  try {
    const requestId = (JSON.parse(body) as { requestId?: unknown }).requestId;
    return typeof requestId === 'string' ? requestId : undefined;
  } catch {
    return undefined;
  }
}

/** `connect ECONNREFUSED`: what failed, without the address the user already knows. */
export function describeTransportError(error: Error): string {
  const { syscall, code } = error as NodeJS.ErrnoException;
  return code && syscall ? `${syscall} ${code}` : error.message || (code ?? error.name);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
