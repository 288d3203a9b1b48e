/** Above this many tracked partitions, buckets that have refilled completely are forgotten. */
const MAX_TRACKED_PARTITIONS = 10_000;

/** Write capacity one write asks of its partition. */
export interface WriteCharge {
  /** Identifies the partition: table and partition key value (see `partitionOf`). */
  partition: string;
  units: number;
}

interface Bucket {
  tokens: number;
  refilledAt: number;
}

/**
 * AWS's per-partition write ceiling (about 1,000 WCU/s per partition key, on-demand or not) as one
 * token bucket per partition: it holds one second of capacity and refills continuously.
 */
export class PartitionWriteLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly unitsPerSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * Takes every charge, or none of them when any partition lacks the capacity (a transaction or a
   * single write is admitted whole). Returns the indexes of the charges refused; empty when admitted.
   */
  take(charges: readonly WriteCharge[]): number[] {
    const now = this.now();
    const needed = new Map<string, number>();
    for (const c of charges) needed.set(c.partition, (needed.get(c.partition) ?? 0) + c.units);
    const short = new Set<string>();
    for (const [partition, units] of needed) if (this.refill(partition, now).tokens < units) short.add(partition);
    if (short.size > 0) return charges.flatMap((c, i) => (short.has(c.partition) ? [i] : []));
    for (const [partition, units] of needed) this.buckets.get(partition)!.tokens -= units;
    if (this.buckets.size > MAX_TRACKED_PARTITIONS) this.forgetIdle(now);
    return [];
  }

  private refill(partition: string, now: number): Bucket {
    const bucket = this.buckets.get(partition);
    if (!bucket) {
      const fresh = { tokens: this.unitsPerSecond, refilledAt: now };
      this.buckets.set(partition, fresh);
      return fresh;
    }
    bucket.tokens = Math.min(this.unitsPerSecond, bucket.tokens + ((now - bucket.refilledAt) * this.unitsPerSecond) / 1000);
    bucket.refilledAt = now;
    return bucket;
  }

  private forgetIdle(now: number) {
    for (const partition of this.buckets.keys()) {
      if (this.refill(partition, now).tokens >= this.unitsPerSecond) this.buckets.delete(partition);
    }
  }
}
