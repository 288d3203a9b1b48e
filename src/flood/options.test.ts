import { describe, expect, it } from 'vitest';
import { DEFAULT_CONNECTIONS, DEFAULT_REQUESTS, FloodOptionError, OPEN_MODEL_CONNECTIONS, parseFloodOptions, type FloodFlags } from './options.js';

function rejects(flags: FloodFlags, pattern: RegExp): void {
  expect(() => parseFloodOptions(flags)).toThrow(FloodOptionError);
  expect(() => parseFloodOptions(flags)).toThrow(pattern);
}

describe('parseFloodOptions', () => {
  it('defaults to a closed model of a fixed number of requests', () => {
    const { plan, reportDir } = parseFloodOptions({});
    expect(plan).toMatchObject({ model: 'closed', connections: DEFAULT_CONNECTIONS, requests: DEFAULT_REQUESTS, duplicates: 0, invalid: 0, tripIds: [] });
    expect(plan.durationMs).toBeUndefined();
    expect(reportDir).toBeUndefined();
  });

  it('reads every flag', () => {
    const options = parseFloodOptions({ duration: '30s', rate: '250', trip: 'a, b', duplicates: '0.05', invalid: '0.01', report: 'out/', timeout: '2m' });
    expect(options.plan).toMatchObject({
      model: 'open',
      rate: 250,
      connections: OPEN_MODEL_CONNECTIONS,
      durationMs: 30_000,
      tripIds: ['a', 'b'],
      duplicates: 0.05,
      invalid: 0.01,
    });
    expect(options.plan.requests).toBeUndefined();
    expect(options.reportDir).toBe('out/');
    expect(options.drainTimeoutMs).toBe(120_000);
    expect(parseFloodOptions({ connections: '50', requests: '2000' }).plan).toMatchObject({ model: 'closed', connections: 50, requests: 2000 });
  });

  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['2m', 120_000],
    ['1.5s', 1_500],
    ['10', 10_000],
  ])('reads the duration %s', (duration, ms) => {
    expect(parseFloodOptions({ duration }).plan.durationMs).toBe(ms);
  });

  it('rejects values that cannot work, with one line saying what to do', () => {
    rejects({ rate: '0' }, /--rate 0 must be a number above 0/);
    rejects({ rate: 'fast' }, /--rate fast must be a number above 0/);
    rejects({ requests: '-1' }, /--requests -1 must be a number above 0/);
    rejects({ requests: '2.5' }, /--requests 2.5 must be a whole number/);
    rejects({ connections: '0' }, /--connections 0/);
    rejects({ connections: '50000' }, /above the ceiling/);
    rejects({ duration: 'abc' }, /--duration abc is not a duration; write e.g. --duration 30s/);
    rejects({ duration: '0s' }, /--duration 0s is not a duration/);
    rejects({ rate: '10', connections: '5' }, /--rate and --connections exclude each other/);
    rejects({ requests: '10', duration: '5s' }, /--requests and --duration exclude each other/);
    rejects({ duplicates: '1.5' }, /--duplicates 1.5 is not a fraction between 0 and 1/);
    rejects({ invalid: '-0.1' }, /--invalid -0.1 is not a fraction/);
    rejects({ duplicates: '0.7', invalid: '0.5' }, /exceed 1/);
    rejects({ trip: ' , ' }, /names no trip/);
    rejects({ timeout: 'soon' }, /--timeout soon is not a duration/);
    for (const flags of [{ rate: '0' }, { duration: 'abc' }, { duplicates: '2' }] as FloodFlags[]) {
      try {
        parseFloodOptions(flags);
      } catch (error) {
        expect((error as Error).message).not.toContain('\n');
      }
    }
  });
});
