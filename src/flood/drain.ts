import { setTimeout as sleep } from 'node:timers/promises';
import { describeTransportError, TARGET_SILENCE_MS, type TargetLost } from './load.js';

/** What the caller's probe reads from the stack at one instant. */
export interface DrainProbe {
  /** Messages waiting in the queue (ApproximateNumberOfMessages). */
  queueDepth: number;
  /** Messages received but not yet deleted (ApproximateNumberOfMessagesNotVisible). */
  inFlight: number;
  dlqDepth: number;
  /** The stack's processed counter. */
  processed: number;
  /** Bookings of this run in a final state, DLQ-parked ones included. */
  finalCount: number;
}

export interface DrainSample extends Partial<DrainProbe> {
  /** Milliseconds since followDrain started. */
  atMs: number;
  /** Set when the probe threw; the drain keeps sampling. */
  error?: string;
}

export interface DrainOptions {
  timeoutMs: number;
  intervalMs: number;
  /** Accepted requests of the run: the drain is over when this many reached a final state. */
  expectedFinal: number;
}

export interface DrainResult {
  drained: boolean;
  /** Time until drained, or until the timeout when not. */
  drainMs: number;
  expectedFinal: number;
  timeline: DrainSample[];
  /** Set when every probe failed for TARGET_SILENCE_MS: the drain stopped following a dead target. */
  targetLost?: TargetLost;
}

/**
 * Samples `probe` every `intervalMs` until the queue is empty, nothing is in flight and `expectedFinal`
 * bookings are final, or `timeoutMs` passes. A failing probe (a throttled read) is recorded, not fatal; probes failing for
 * TARGET_SILENCE_MS on end mean the target is gone.
 */
export async function followDrain(probe: () => Promise<DrainProbe>, options: DrainOptions, onTick?: (sample: DrainSample) => void): Promise<DrainResult> {
  const startedAt = Date.now();
  const timeline: DrainSample[] = [];
  let failingSince: number | undefined;
  for (;;) {
    const sample = await takeSample(probe, startedAt);
    timeline.push(sample);
    onTick?.(sample);
    if (isDrained(sample, options.expectedFinal)) return { drained: true, drainMs: sample.atMs, expectedFinal: options.expectedFinal, timeline };
    failingSince = sample.error === undefined ? undefined : (failingSince ?? sample.atMs);
    if (failingSince !== undefined && sample.atMs - failingSince >= TARGET_SILENCE_MS) {
      return {
        drained: false,
        drainMs: sample.atMs,
        expectedFinal: options.expectedFinal,
        timeline,
        targetLost: { atMs: failingSince, reason: sample.error! },
      };
    }
    const remainingMs = options.timeoutMs - (Date.now() - startedAt);
    if (remainingMs <= 0) return { drained: false, drainMs: Date.now() - startedAt, expectedFinal: options.expectedFinal, timeline };
    await sleep(Math.min(options.intervalMs, remainingMs));
  }
}

async function takeSample(probe: () => Promise<DrainProbe>, startedAt: number): Promise<DrainSample> {
  try {
    const reading = await probe();
    return { atMs: Date.now() - startedAt, ...reading };
  } catch (error) {
    return { atMs: Date.now() - startedAt, error: error instanceof Error ? describeTransportError(error) : String(error) };
  }
}

function isDrained(sample: DrainSample, expectedFinal: number): boolean {
  return sample.error === undefined && sample.queueDepth! + sample.inFlight! === 0 && sample.finalCount! >= expectedFinal;
}
