/** `skip`: not now, and not worth waiting for; `ms` until the interval allows a write. */
export type FlushPlan = { kind: 'now' } | { kind: 'after'; ms: number } | { kind: 'skip'; ms: number };

/**
 * Decides when a container rewrites stats.json: at most once per interval. A caller that may wait
 * (a tail batch: the queue is draining) waits out the interval instead of skipping, so the last
 * figures get written; a busy stream skips between writes. A skip leaves a reminder, a stats tick the
 * queue delivers once the interval has passed (stats-flush.ts), in case nothing comes after it: one
 * pending at a time per container.
 */
export class FlushGate {
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  private reminderDueAt = Number.NEGATIVE_INFINITY;

  plan(now: number, intervalMs: number, maxWaitMs: number): FlushPlan {
    const wait = this.lastFlushAt + intervalMs - now;
    if (wait <= 0) return { kind: 'now' };
    if (wait <= maxWaitMs) return { kind: 'after', ms: wait };
    return { kind: 'skip', ms: wait };
  }

  flushed(at: number): void {
    this.lastFlushAt = at;
  }

  /** Whether a reminder this container left is still to come. */
  reminderPending(now: number): boolean {
    return now < this.reminderDueAt;
  }

  reminded(dueAt: number): void {
    this.reminderDueAt = dueAt;
  }
}
