import { describe, expect, it } from 'vitest';
import { FlushGate } from './flush-gate.js';

describe('FlushGate', () => {
  it('writes at most once per interval, and a caller that may wait waits out the rest of it', () => {
    const gate = new FlushGate();
    expect(gate.plan(1000, 1000, 0)).toEqual({ kind: 'now' });
    gate.flushed(1000);
    expect(gate.plan(1400, 1000, 0)).toEqual({ kind: 'skip', ms: 600 });
    expect(gate.plan(1400, 1000, 1500)).toEqual({ kind: 'after', ms: 600 });
    expect(gate.plan(1400, 1000, 599)).toEqual({ kind: 'skip', ms: 600 });
    expect(gate.plan(2000, 1000, 0)).toEqual({ kind: 'now' });
  });

  it('keeps one reminder pending until it is due', () => {
    const gate = new FlushGate();
    expect(gate.reminderPending(1000)).toBe(false);
    gate.reminded(2000);
    expect(gate.reminderPending(1999)).toBe(true);
    expect(gate.reminderPending(2000)).toBe(false);
  });
});
