export type FlushPlan = { kind: 'now' } | { kind: 'after'; ms: number } | { kind: 'skip' };

/**
 * Decides when a container rewrites stats.json: at most once per interval. A caller that may wait
 * (a tail batch: the queue is draining) waits out the interval instead of skipping, so the last
 * figures always get written; a busy stream skips between writes.
 */
export class FlushGate {
  private lastFlushAt = Number.NEGATIVE_INFINITY;

  plan(now: number, intervalMs: number, maxWaitMs: number): FlushPlan {
    const wait = this.lastFlushAt + intervalMs - now;
    if (wait <= 0) return { kind: 'now' };
    if (wait <= maxWaitMs) return { kind: 'after', ms: wait };
    return { kind: 'skip' };
  }

  flushed(at: number): void {
    this.lastFlushAt = at;
  }
}
