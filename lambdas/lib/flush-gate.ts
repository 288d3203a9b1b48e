/** A tail batch waits at most this long for its interval to pass, well inside the 5 s function timeout. */
export const MAX_TAIL_WAIT_MS = 1500;

export type FlushPlan = { kind: 'now' } | { kind: 'after'; ms: number } | { kind: 'skip' };

/**
 * Decides when a container rewrites stats.json: at most once per interval. A busy stream (full
 * batches) skips between writes; a tail batch (fewer records than the batch size, so the queue is
 * draining) waits out the interval instead, so the last figures always get written.
 */
export class FlushGate {
  private lastFlushAt = Number.NEGATIVE_INFINITY;

  plan(now: number, intervalMs: number, tail: boolean): FlushPlan {
    const wait = this.lastFlushAt + intervalMs - now;
    if (wait <= 0) return { kind: 'now' };
    if (tail && wait <= MAX_TAIL_WAIT_MS) return { kind: 'after', ms: wait };
    return { kind: 'skip' };
  }

  flushed(at: number): void {
    this.lastFlushAt = at;
  }
}
