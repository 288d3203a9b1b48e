import { describe, expect, it } from 'vitest';
import { FlushGate, MAX_TAIL_WAIT_MS } from './flush-gate.js';

describe('FlushGate', () => {
  it('writes at most once per interval, and a tail batch waits out the rest of it', () => {
    const gate = new FlushGate();
    expect(gate.plan(1000, 1000, false)).toEqual({ kind: 'now' });
    gate.flushed(1000);
    expect(gate.plan(1400, 1000, false)).toEqual({ kind: 'skip' });
    expect(gate.plan(1400, 1000, true)).toEqual({ kind: 'after', ms: 600 });
    expect(gate.plan(2000, 1000, false)).toEqual({ kind: 'now' });
  });

  it('does not make a tail batch wait longer than MAX_TAIL_WAIT_MS', () => {
    const gate = new FlushGate();
    gate.flushed(0);
    expect(gate.plan(0, MAX_TAIL_WAIT_MS + 1, true)).toEqual({ kind: 'skip' });
  });
});
