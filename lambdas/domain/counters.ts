import { readNumber, type Item } from './attributes.js';
import type { FinalStatus } from './booking.js';
import { COUNTER_PREFIX } from './keys.js';

/** Every counter the system keeps, each the sum of its shards. success = confirmed, as in the seed. */
export interface Counters {
  requests: number;
  processed: number;
  success: number;
  confirmed: number;
  soldOut: number;
  rejected: number;
  failed: number;
}
export type CounterName = keyof Counters;

export const COUNTER_NAMES: readonly CounterName[] = ['requests', 'processed', 'success', 'confirmed', 'soldOut', 'rejected', 'failed'];

/** The counters one settled booking bumps, in the same transaction that settles it. */
export const OUTCOME_COUNTERS: Record<FinalStatus, readonly CounterName[]> = {
  confirmed: ['processed', 'success', 'confirmed'],
  sold_out: ['processed', 'soldOut'],
  rejected: ['processed', 'rejected'],
  failed: ['processed', 'failed'],
};

export const zeroCounters = (): Counters => ({ requests: 0, processed: 0, success: 0, confirmed: 0, soldOut: 0, rejected: 0, failed: 0 });

/** Sums the counter shards among `items` (other items are ignored). */
export function sumCounters(items: readonly Item[]): Counters {
  const total = zeroCounters();
  for (const item of items) {
    if (!item.id?.S?.startsWith(COUNTER_PREFIX)) continue;
    for (const name of COUNTER_NAMES) total[name] += readNumber(item, name);
  }
  return total;
}
