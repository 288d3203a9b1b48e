import { describe, expect, it } from 'vitest';
import { summarizeDurationsMs } from './latency.js';

describe('latency summary', () => {
  it('keeps microsecond precision and never puts a percentile above the max', () => {
    const stats = summarizeDurationsMs([0.25, 1.5, 2, 3, 4697.41]);
    expect(stats.count).toBe(5);
    expect(stats.min).toBe(0.25);
    expect(stats.p50).toBe(2);
    expect(stats.max).toBeCloseTo(4697.41, 0);
    expect(stats.p999).toBeLessThanOrEqual(stats.max);
    expect(summarizeDurationsMs([])).toMatchObject({ count: 0, p99: 0, max: 0 });
  });
});
