import { UserError } from '../errors.js';
import { BATCH_SIZE, IDEMPOTENCY_KEY_HEADER, STATS_KEY } from '../../lambdas/domain/index.js';

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

/** Short enough that the longest derived name (`<stack>-app-bucket-<account>-<region>`) stays within S3's 63 characters. */
const STACK_NAME = /^[a-z](?:[a-z0-9]|-(?!-)){0,19}$/;

export function checkStackName(stack: string): void {
  if (!STACK_NAME.test(stack) || stack.endsWith('-')) {
    throw new UserError(
      `--stack '${stack}' is not a stack name bus-cli can use`,
      'up to 20 lowercase letters, digits and single hyphens, starting with a letter (e.g. --stack aram2)',
    );
  }
}

export const defaultBucketName = (stack: string) => `${stack}-app-bucket`;

export function stackNames(stack = DEFAULT_STACK, bucket?: string): StackNames {
  return {
    stack,
    bucket: bucket ?? defaultBucketName(stack),
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

/** The seed's settings (SEED.md), in one place; resources read them through the spec (src/stack/spec.ts). */
export const SETTINGS = {
  queueVisibilitySeconds: 60,
  maxReceiveCount: 5,
  functionMemoryMb: 256,
  functionTimeoutSeconds: 5,
  /** AWS's current Node.js runtime (deprecated 2028-04-30, src/runtimes/calendar.ts); both bundles target its Node. */
  runtime: 'nodejs24.x',
  batchSize: BATCH_SIZE,
  stage: 'prod',
  statsKey: STATS_KEY,
  indexKey: 'index.html',
  corsOrigins: ['*'],
  apiCorsMethods: ['GET', 'POST', 'OPTIONS'],
  apiCorsHeaders: ['content-type', IDEMPOTENCY_KEY_HEADER],
} as const;
