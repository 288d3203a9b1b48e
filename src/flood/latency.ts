import { build, type Histogram } from 'hdr-histogram-js';

/** Three significant digits: 1 µs resolution below 1 ms, 0.1% relative error above. */
const SIGNIFICANT_DIGITS = 3;
const MICROS_PER_MS = 1_000;

/** Latency percentiles in milliseconds (microsecond precision), the shape every report section shares. */
export interface LatencyStats {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
}

/** An HDR histogram of microseconds; it grows to fit any value, so a 60 s stall is recorded, not clamped. */
export function createLatencyHistogram(): Histogram {
  return build({ numberOfSignificantValueDigits: SIGNIFICANT_DIGITS });
}

/** Records a duration given in (fractional) milliseconds; sub-microsecond durations count as 1 µs. */
export function recordMs(histogram: Histogram, ms: number): void {
  histogram.recordValue(toMicros(ms));
}

/** A duration in (fractional) milliseconds as the histograms hold it: whole microseconds, at least 1. */
export function toMicros(ms: number): number {
  return ms < 0.001 ? 1 : Math.round(ms * MICROS_PER_MS);
}

export function percentileMs(histogram: Histogram, percentile: number): number {
  return histogram.totalCount === 0 ? 0 : histogram.getValueAtPercentile(percentile) / MICROS_PER_MS;
}

export function summarizeLatency(histogram: Histogram): LatencyStats {
  const empty = histogram.totalCount === 0;
  const max = empty ? 0 : histogram.maxValue / MICROS_PER_MS;
  // A percentile is the top of its HDR bucket, which can lie a hair above the largest value recorded.
  const at = (percentile: number) => Math.min(percentileMs(histogram, percentile), max);
  return {
    count: histogram.totalCount,
    min: empty ? 0 : histogram.minNonZeroValue / MICROS_PER_MS,
    mean: empty ? 0 : Math.round(histogram.mean) / MICROS_PER_MS,
    p50: at(50),
    p90: at(90),
    p99: at(99),
    p999: at(99.9),
    max,
  };
}

/** Percentiles of durations already in milliseconds (e.g. accept-to-final times), through the same histogram. */
export function summarizeDurationsMs(durations: Iterable<number>): LatencyStats {
  const histogram = createLatencyHistogram();
  for (const ms of durations) recordMs(histogram, ms);
  return summarizeLatency(histogram);
}
