import { describe, expect, it } from 'vitest';
import { estimateCost, HTTP_API_USD_PER_MILLION_REQUESTS, LAMBDA_USD_PER_GB_SECOND } from './cost.js';

describe('estimateCost', () => {
  it('prices a million requests per service and sums them', () => {
    const estimate = estimateCost({ requests: 1_000_000, seconds: 100, producerMs: 20, consumerBatchMs: 100, batchSize: 10 });
    const line = (item: string) => estimate.lines.find((l) => l.item.startsWith(item))!;
    expect(estimate.region).toBe('ap-northeast-2');
    expect(line('HTTP API').usd).toBeCloseTo(HTTP_API_USD_PER_MILLION_REQUESTS);
    expect(line('invocations').quantity).toBe(1_100_000);
    // 0.25 GB x (1M x 20 ms + 100k batches x 100 ms) = 7,500 GB-s
    expect(line('GB-seconds').usd).toBeCloseTo(7_500 * LAMBDA_USD_PER_GB_SECOND);
    expect(line('requests').quantity).toBe(1_200_000);
    expect(line('write').quantity).toBe(8_000_000);
    expect(line('PUT').quantity).toBe(500);
    expect(estimate.totalUsd).toBeCloseTo(estimate.lines.reduce((sum, l) => sum + l.usd, 0));
    expect(estimateCost({ requests: 2_000_000, seconds: 100 }).totalUsd).toBeGreaterThan(estimate.totalUsd);
  });
});
