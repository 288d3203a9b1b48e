/**
 * Item ids of the single table `aram-stats` (partition key `id`, no sort key).
 * The layout is explained in lambdas/README.md.
 */

/** The seed's rollup item {requests, processed, success}, refreshed by the consumer's stats flush. */
export const TOTAL_ID = 'total';
/** Lists the trip ids so the trip list is one GetItem, not a Scan of every booking. */
export const CATALOG_ID = 'trips';
/** Counters are spread over this many items so no single item takes a write per request. */
export const COUNTER_SHARDS = 32;

export const TRIP_PREFIX = 'trip#';
export const BOOKING_PREFIX = 'booking#';
export const COUNTER_PREFIX = 'counter#';

/** requests: bumped by the producer; outcomes: bumped by the consumer in its transactions. */
export type CounterGroup = 'requests' | 'outcomes';
export const COUNTER_GROUPS: readonly CounterGroup[] = ['requests', 'outcomes'];

export const tripKey = (tripId: string) => `${TRIP_PREFIX}${tripId}`;
export const bookingKey = (requestId: string) => `${BOOKING_PREFIX}${requestId}`;
export const counterKey = (group: CounterGroup, shard: number) => `${COUNTER_PREFIX}${group}#${shard}`;

export const randomShard = () => Math.floor(Math.random() * COUNTER_SHARDS);

export const allCounterKeys = (): string[] => COUNTER_GROUPS.flatMap((group) => Array.from({ length: COUNTER_SHARDS }, (_, shard) => counterKey(group, shard)));
