import { describe, expect, it } from 'vitest';
import { zeroCounters } from '../domain/counters.js';
import type { StatsSnapshot } from './stats.js';
import { mergeStats } from './stats-file.js';

const snapshot = (over: Partial<StatsSnapshot>): StatsSnapshot => ({
  ...zeroCounters(),
  seatsLeft: { total: 0, byTrip: {} },
  updatedAt: '2026-02-01T00:00:01.000Z',
  ...over,
});

describe('mergeStats', () => {
  it('never lets stats.json go backwards: counters up, seats left down, updatedAt later', () => {
    const previous = snapshot({
      requests: 10,
      processed: 8,
      success: 5,
      seatsLeft: { total: 3, byTrip: { a: 1, b: 2 } },
      updatedAt: '2026-02-01T00:00:09.000Z',
    });
    const stale = snapshot({ requests: 9, processed: 9, success: 4, seatsLeft: { total: 5, byTrip: { a: 3, b: 1, c: 1 } } });
    expect(mergeStats(previous, stale)).toMatchObject({
      requests: 10,
      processed: 9,
      success: 5,
      seatsLeft: { total: 3, byTrip: { a: 1, b: 1, c: 1 } },
      updatedAt: '2026-02-01T00:00:09.000Z',
    });
  });

  it('takes the snapshot as is over the seed file or garbage', () => {
    const next = snapshot({ requests: 2, seatsLeft: { total: 4, byTrip: { a: 4 } } });
    expect(mergeStats({ requests: 0, processed: 0, success: 0 }, next)).toEqual(next);
    expect(mergeStats(undefined, next)).toEqual(next);
    expect(mergeStats({ requests: 'many', seatsLeft: 7 }, next)).toEqual(next);
  });
});
