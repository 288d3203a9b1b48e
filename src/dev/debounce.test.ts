import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { debounce, type ChangeBatch } from './debounce.js';

describe('debounce', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('gives one batch for a burst of saves, timed from the first, and a new batch after the quiet', () => {
    const batches: ChangeBatch[] = [];
    const changes = debounce(80, (b) => batches.push(b));
    const first = Date.now();
    for (const path of ['a.ts', 'a.ts', 'b.ts', 'a.ts', 'a.ts']) {
      changes.add(path);
      vi.advanceTimersByTime(20);
    }
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(60);
    expect(batches).toEqual([{ paths: new Set(['a.ts', 'b.ts']), savedAt: first }]);
    changes.add('c.ts');
    vi.advanceTimersByTime(80);
    expect(batches.map((b) => [...b.paths])).toEqual([['a.ts', 'b.ts'], ['c.ts']]);
  });

  it('sends nothing once closed', () => {
    const flush = vi.fn();
    const changes = debounce(80, flush);
    changes.add('a.ts');
    changes.close();
    vi.advanceTimersByTime(200);
    expect(flush).not.toHaveBeenCalled();
  });
});
