import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLiveLine, formatDrainLine, formatProgressLine, PLAIN_LINE_EVERY_MS } from './print.js';

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  const stream = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        chunks.push(String(chunk));
        done();
      },
    }),
    { isTTY },
  );
  return { stream, chunks };
}

const progress = { elapsedMs: 3_000, sent: 3000, s2xx: 2990, s4xx: 7, s5xx: 1, errors: 2, inFlight: 4, currentRate: 1000, p50Ms: 3.25, p99Ms: 41 };

describe('live line', () => {
  it('rewrites one line on a TTY', () => {
    const { stream, chunks } = sink(true);
    const live = createLiveLine(stream);
    live.show('a', 0);
    live.show('b', 1_000);
    live.done();
    expect(chunks).toEqual(['\r\x1b[2Ka', '\r\x1b[2Kb', '\n']);
  });

  it('prints a plain line every few seconds without a TTY, on a steady beat, none at the start', () => {
    const { stream, chunks } = sink(false);
    const live = createLiveLine(stream);
    // Ticks late by varying amounts, as timers are: still one line per PLAIN_LINE_EVERY_MS, not every 6 s now and then.
    const lateBy = [3, 12, 7, 1, 9, 4, 2, 8, 11, 5, 3, 6, 13, 4, 2, 9];
    for (let second = 0; second <= 15; second++) live.show(`t${second}`, second * 1_000 + lateBy[second]!);
    live.done();
    const every = PLAIN_LINE_EVERY_MS / 1_000;
    expect(chunks).toEqual([`t${every}\n`, `t${2 * every}\n`, `t${3 * every}\n`]);
  });

  it('formats progress and drain lines', () => {
    const line = formatProgressLine(progress).replace(/\x1b\[[0-9;]*m/g, '');
    expect(line).toBe('   3s  sent 3000  2xx 2990  4xx 7  5xx 1  err 2  1000 req/s  p50 3.25 ms  p99 41 ms  in flight 4');
    expect(formatDrainLine({ atMs: 2_000, queueDepth: 5, inFlight: 1, dlqDepth: 0, processed: 90, finalCount: 90 }, 100)).toBe(
      '   2s  draining: queue 5  in flight 1  DLQ 0  final 90/100',
    );
    expect(formatDrainLine({ atMs: 0, error: 'throttled' }, 100)).toMatch(/probe failed \(throttled\)/);
  });
});
