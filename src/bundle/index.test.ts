import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleFunctions } from './index.js';

describe('bundleFunctions', () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'bus-cli-bundle-test-'));
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

  it('gives concurrent callers one build, then the same zips from the cache (same CodeSha256: a no-op up)', async () => {
    const [first, second] = await Promise.all([bundleFunctions(cacheDir), bundleFunctions(cacheDir)]);
    expect(second).toBe(first);
    expect(first.producer.handler).toBe('index.handler');
    expect(first.producer.sha256).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const again = await bundleFunctions(cacheDir);
    expect(again.producer.sha256).toBe(first.producer.sha256);
    expect(again.consumer.sha256).toBe(first.consumer.sha256);
  });
});
