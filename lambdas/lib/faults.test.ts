import type { SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { InjectedTransientFault, transientFaults } from './faults.js';

const record = (i: number) => ({ messageId: `m${i}` }) as SQSRecord;
const fails = (draw: (r: SQSRecord) => void, r: SQSRecord) => {
  try {
    draw(r);
    return false;
  } catch (err) {
    expect(err).toBeInstanceOf(InjectedTransientFault);
    return true;
  }
};

describe('transientFaults', () => {
  it('draws each record once per invocation, whichever path asks again', () => {
    const draw = transientFaults(0.5);
    const records = Array.from({ length: 200 }, (_, i) => record(i));
    const first = records.map((r) => fails(draw, r));
    expect(records.map((r) => fails(draw, r))).toEqual(first);
    // Half of 200 at rate 0.5: far from all or none (the odds of falling outside 50..150 are ~1e-12).
    expect(first.filter(Boolean).length).toBeGreaterThan(50);
    expect(first.filter(Boolean).length).toBeLessThan(150);
  });

  it('fails every record at rate 1 and none at rate 0', () => {
    expect(fails(transientFaults(1), record(1))).toBe(true);
    expect(fails(transientFaults(0), record(1))).toBe(false);
  });
});
