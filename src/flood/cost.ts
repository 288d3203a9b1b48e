/**
 * What a flood costs on real AWS, for the confirmation prompt before it runs.
 * List prices in USD for ap-northeast-2 (Seoul), on-demand, without the free tier; check the
 * service pricing pages before relying on them, they change (DynamoDB on-demand halved in Nov 2024).
 */
export const PRICING_REGION = 'ap-northeast-2';

/** API Gateway HTTP API, first 300 million requests a month. */
export const HTTP_API_USD_PER_MILLION_REQUESTS = 1.23;
export const LAMBDA_USD_PER_MILLION_REQUESTS = 0.2;
/** x86_64; arm64 is 20% cheaper, so this is the upper bound. */
export const LAMBDA_USD_PER_GB_SECOND = 0.0000166667;
/** SQS standard queue, after the first million a month. */
export const SQS_USD_PER_MILLION_REQUESTS = 0.4;
export const DYNAMODB_USD_PER_MILLION_WRITE_UNITS = 0.7068;
export const DYNAMODB_USD_PER_MILLION_READ_UNITS = 0.1413;
export const S3_USD_PER_THOUSAND_PUTS = 0.0045;

/** Both functions are deployed with 256 MB. */
const LAMBDA_MEMORY_GB = 0.25;
/** Producer: conditional put of the booking + one request-counter shard. */
const PRODUCER_WRITE_UNITS_PER_BOOKING = 2;
/** Consumer: one TransactWriteItems of booking + trip seats + counter shard, at 2 units per transactional item. */
const CONSUMER_WRITE_UNITS_PER_BOOKING = 3 * 2;
/** The producer's trip list cache is refreshed every few seconds: one eventually consistent read per container refresh. */
const PRODUCER_READ_UNITS_PER_SECOND = 1;
/** The event source mapping starts with 5 concurrent pollers on a standard queue; each writes stats.json at most once a second. */
const STATS_WRITERS = 5;

export interface CostInput {
  /** HTTP requests the flood sends (invalid and duplicate ones included: each reaches the producer). */
  requests: number;
  /** Bookings that reach the queue; defaults to `requests`. */
  bookings?: number;
  /** Expected run length plus drain, for the stats.json rewrites. */
  seconds: number;
  /** Billed producer duration per request and consumer duration per batch, in ms. */
  producerMs?: number;
  consumerBatchMs?: number;
  batchSize?: number;
}

export interface CostLine {
  service: string;
  item: string;
  quantity: number;
  unitUsd: number;
  unit: string;
  usd: number;
}

export interface CostEstimate {
  region: string;
  lines: CostLine[];
  totalUsd: number;
}

const DEFAULT_PRODUCER_MS = 30;
const DEFAULT_CONSUMER_BATCH_MS = 150;
const DEFAULT_BATCH_SIZE = 10;

export function estimateCost(input: CostInput): CostEstimate {
  const { requests, seconds, producerMs = DEFAULT_PRODUCER_MS, consumerBatchMs = DEFAULT_CONSUMER_BATCH_MS, batchSize = DEFAULT_BATCH_SIZE } = input;
  const bookings = input.bookings ?? requests;
  const batches = Math.ceil(bookings / batchSize);
  const gbSeconds = (LAMBDA_MEMORY_GB * (requests * producerMs + batches * consumerBatchMs)) / 1_000;
  const line = (service: string, item: string, quantity: number, unitUsd: number, unit: string, perUnits: number): CostLine => ({
    service,
    item,
    quantity,
    unitUsd,
    unit,
    usd: (quantity / perUnits) * unitUsd,
  });
  const lines = [
    line('API Gateway', 'HTTP API requests', requests, HTTP_API_USD_PER_MILLION_REQUESTS, 'per million', 1e6),
    line('Lambda', 'invocations (producer + consumer batches)', requests + batches, LAMBDA_USD_PER_MILLION_REQUESTS, 'per million', 1e6),
    line('Lambda', 'GB-seconds at 256 MB', gbSeconds, LAMBDA_USD_PER_GB_SECOND, 'per GB-second', 1),
    // Send per booking; receive and delete per batch (idle long polls of the mapping are not counted).
    line('SQS', 'requests', bookings + 2 * batches, SQS_USD_PER_MILLION_REQUESTS, 'per million', 1e6),
    line(
      'DynamoDB',
      'write request units',
      bookings * (PRODUCER_WRITE_UNITS_PER_BOOKING + CONSUMER_WRITE_UNITS_PER_BOOKING),
      DYNAMODB_USD_PER_MILLION_WRITE_UNITS,
      'per million',
      1e6,
    ),
    line('DynamoDB', 'read request units', Math.ceil(seconds * PRODUCER_READ_UNITS_PER_SECOND), DYNAMODB_USD_PER_MILLION_READ_UNITS, 'per million', 1e6),
    line('S3', 'PUT stats.json', Math.ceil(seconds) * STATS_WRITERS, S3_USD_PER_THOUSAND_PUTS, 'per 1,000', 1e3),
  ];
  return { region: PRICING_REGION, lines, totalUsd: lines.reduce((sum, item) => sum + item.usd, 0) };
}
