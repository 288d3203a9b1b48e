/**
 * The contract between the stack and the Lambdas, in one place: the routes the HTTP API sends to the
 * producer, the environment variables `up` sets and the functions read (the seed's names), the mapping's
 * batch size and the stats object's key. The stack writes it with `producerEnvironment` /
 * `consumerEnvironment`; lambdas/lib/config.ts reads the same names.
 */

/** HTTP API route keys, all integrated with the producer; the producer routes on the same keys. */
export const ROUTE_KEYS = {
  bookBus: 'POST /api/book-bus',
  stats: 'GET /api/stats',
  trips: 'GET /api/trips',
  booking: 'GET /api/bookings/{requestId}',
} as const;
export type RouteName = keyof typeof ROUTE_KEYS;

/** Records per consumer invocation (the event source mapping's BatchSize). */
export const BATCH_SIZE = 10;
/** The object the consumer rewrites and the page polls. */
export const STATS_KEY = 'stats.json';

/** The seed's environment variable names (SEED.md), plus the ones this project added. */
export const ENV = {
  region: 'REGION',
  table: 'STATS_TABLE',
  queueName: 'QUEUE_NAME',
  queueUrl: 'QUEUE_URL',
  dlqUrl: 'DLQ_URL',
  bucket: 'S3_BUCKET',
  statsKey: 'S3_KEY',
  maxReceiveCount: 'MAX_RECEIVE_COUNT',
  statsWriteIntervalMs: 'STATS_WRITE_INTERVAL_MS',
} as const;

interface Shared {
  region: string;
  table: string;
  queueUrl?: string;
  dlqUrl?: string;
}

const shared = (s: Shared) => ({ [ENV.region]: s.region, [ENV.table]: s.table, [ENV.queueUrl]: s.queueUrl ?? '', [ENV.dlqUrl]: s.dlqUrl ?? '' });

/** What `up` sets on the producer. */
export const producerEnvironment = (s: Shared & { queueName: string }): Record<string, string> => ({ ...shared(s), [ENV.queueName]: s.queueName });

/** What `up` sets on the consumer. */
export const consumerEnvironment = (s: Shared & { bucket: string; maxReceiveCount: number }): Record<string, string> => ({
  ...shared(s),
  [ENV.bucket]: s.bucket,
  [ENV.statsKey]: STATS_KEY,
  [ENV.maxReceiveCount]: String(s.maxReceiveCount),
});
