/** What `up` builds: the seed's names, derived from one stack name so two stacks can live side by side. */
export const DEFAULT_STACK = 'aram';
export const APP_TAG = 'bus-cli';

export interface StackNames {
  stack: string;
  bucket: string;
  table: string;
  queue: string;
  dlq: string;
  producerRole: string;
  consumerRole: string;
  producer: string;
  consumer: string;
  api: string;
}

export function stackNames(stack = DEFAULT_STACK, bucket?: string): StackNames {
  return {
    stack,
    bucket: bucket ?? `${stack}-app-bucket`,
    table: `${stack}-stats`,
    queue: `${stack}-queue`,
    dlq: `${stack}-queue-dlq`,
    producerRole: `${stack}-producer-role`,
    consumerRole: `${stack}-consumer-role`,
    producer: `${stack}-producer`,
    consumer: `${stack}-consumer`,
    api: `${stack}-http-api`,
  };
}

/** Every resource carries these, so status and down find the stack without local state. */
export function stackTags(stack: string): Record<string, string> {
  return { app: APP_TAG, stack };
}

/** The seed's settings (SEED.md), in one place. */
export const SETTINGS = {
  queueVisibilitySeconds: 60,
  maxReceiveCount: 5,
  functionMemoryMb: 256,
  functionTimeoutSeconds: 5,
  runtime: 'nodejs20.x',
  batchSize: 10,
  stage: 'prod',
  statsKey: 'stats.json',
  indexKey: 'index.html',
  corsOrigins: ['*'],
  apiCorsMethods: ['GET', 'POST', 'OPTIONS'],
  apiCorsHeaders: ['content-type', 'idempotency-key'],
} as const;

/** The routes of the HTTP API; all go to the producer. */
export const ROUTES = ['POST /api/book-bus', 'GET /api/stats', 'GET /api/trips', 'GET /api/bookings/{requestId}'] as const;
