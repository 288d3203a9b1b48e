import type { Histogram } from 'hdr-histogram-js';
import { createLatencyHistogram, percentileMs } from './latency.js';

const BUCKET_MS = 1_000;

/** One second of the run: requests due to be sent in it, answers and errors that arrived in it, latency of those answers. */
export interface TimelineBucket {
  /** Seconds since the start of the run (0 = the first second). */
  second: number;
  /** Requests whose (intended) send time fell in this second; a saturated pool writes them later. */
  sent: number;
  s2xx: number;
  s4xx: number;
  s5xx: number;
  /** Transport failures (refused, reset, timed out): no HTTP status. */
  errors: number;
  /** Latency (from the intended send time) of the answers that arrived in this second. */
  p50Ms: number;
  p99Ms: number;
}

/**
 * Per-second buckets, closed as time passes; the current one is the only one still counting.
 * It holds the run's latency too: an answer's latency is recorded once, in the current second's histogram,
 * which is added to the run's (`latencies`) when the second closes.
 */
export class Timeline {
  readonly closed: TimelineBucket[] = [];
  current: TimelineBucket = emptyBucket(0);
  private readonly histogram: Histogram = createLatencyHistogram();
  /** Every closed second's latencies. */
  readonly latencies: Histogram = createLatencyHistogram();
  private currentEndsAt: number;

  constructor(private readonly startedAt: number) {
    this.currentEndsAt = startedAt + BUCKET_MS;
  }

  /** The bucket `now` (performance.now() ms) falls in, closing the seconds that have passed. */
  at(now: number): TimelineBucket {
    while (now >= this.currentEndsAt) this.close();
    return this.current;
  }

  /** A latency in microseconds (see toMicros). */
  recordLatency(micros: number): void {
    this.histogram.recordValue(micros);
  }

  /** All buckets up to `now`, the partial last second included. */
  finish(now: number): TimelineBucket[] {
    this.at(now);
    if (this.current.sent + this.current.s2xx + this.current.s4xx + this.current.s5xx + this.current.errors > 0) this.close();
    return this.closed;
  }

  private close(): void {
    this.current.p50Ms = percentileMs(this.histogram, 50);
    this.current.p99Ms = percentileMs(this.histogram, 99);
    if (this.histogram.totalCount > 0) this.latencies.add(this.histogram);
    this.histogram.reset();
    this.closed.push(this.current);
    this.current = emptyBucket(this.current.second + 1);
    this.currentEndsAt = this.startedAt + (this.current.second + 1) * BUCKET_MS;
  }
}

function emptyBucket(second: number): TimelineBucket {
  return { second, sent: 0, s2xx: 0, s4xx: 0, s5xx: 0, errors: 0, p50Ms: 0, p99Ms: 0 };
}
