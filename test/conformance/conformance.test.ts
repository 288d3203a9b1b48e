import { describe, expect, it } from 'vitest';
import { runConformance } from './run.js';
import { KNOWN_DIVERGENCES } from './divergences.js';
import type { CaseResult } from './types.js';

describe('conformance: the embedded cloud answers as AWS did', () => {
  let results: CaseResult[];

  it('runs every case against one embedded cloud', { timeout: 240_000 }, async () => {
    results = await runConformance();
    expect(results.length).toBeGreaterThanOrEqual(120);
  });

  it('matches AWS on every case not listed as a known divergence', () => {
    const failures = results.filter((r) => !r.ok && !(r.case.id in KNOWN_DIVERGENCES)).map((r) => `${r.case.id}: ${r.problems.join('; ')}`);
    expect(failures).toEqual([]);
  });

  it('lists no divergence that no longer diverges', () => {
    const fixed = results.filter((r) => r.ok && r.case.id in KNOWN_DIVERGENCES).map((r) => r.case.id);
    expect(fixed).toEqual([]);
  });
});
