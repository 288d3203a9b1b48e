import { describe, expect, it } from 'vitest';
import { followDrain, type DrainProbe } from './drain.js';

function scripted(readings: (DrainProbe | Error)[]): () => Promise<DrainProbe> {
  let call = 0;
  return async () => {
    const reading = readings[Math.min(call++, readings.length - 1)]!;
    if (reading instanceof Error) throw reading;
    return reading;
  };
}

const reading = (queueDepth: number, inFlight: number, finalCount: number): DrainProbe => ({
  queueDepth,
  inFlight,
  dlqDepth: 0,
  processed: finalCount,
  finalCount,
});

describe('followDrain', () => {
  it('samples until the queue is empty and every accepted request is final', async () => {
    const ticks: number[] = [];
    const result = await followDrain(
      scripted([reading(50, 10, 0), new Error('throttled'), reading(0, 5, 90), reading(0, 0, 99), reading(0, 0, 100)]),
      { timeoutMs: 5_000, intervalMs: 5, expectedFinal: 100 },
      (sample) => ticks.push(sample.atMs),
    );
    expect(result.drained).toBe(true);
    expect(result.timeline).toHaveLength(5);
    expect(result.timeline[1]!.error).toBe('throttled');
    expect(ticks).toHaveLength(5);
    expect(result.drainMs).toBe(result.timeline.at(-1)!.atMs);
  });

  it('gives up at the timeout when requests stay unfinished', async () => {
    const result = await followDrain(scripted([reading(0, 0, 99)]), { timeoutMs: 60, intervalMs: 10, expectedFinal: 100 });
    expect(result.drained).toBe(false);
    expect(result.drainMs).toBeGreaterThanOrEqual(60);
    expect(result.timeline.length).toBeGreaterThan(1);
  });
});
