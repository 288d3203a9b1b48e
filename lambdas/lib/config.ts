/** The Lambdas' settings, read from the environment the stack sets (names kept from the seed). */
export const DEFAULT_REGION = 'ap-northeast-2';
export const DEFAULT_STATS_WRITE_INTERVAL_MS = 1000;
/** The queue's redrive maxReceiveCount: the attempt after which a failing record is parked in the DLQ. */
export const DEFAULT_MAX_RECEIVE_COUNT = 5;

export interface QueueUrls {
  queueUrl?: string;
  dlqUrl?: string;
}

export interface ProducerConfig extends QueueUrls {
  region: string;
  table: string;
  queueName: string;
}

export interface FaultRates {
  /** Fraction of records failed transiently before their transaction. */
  transientRate: number;
  /** Fraction of records after whose committed transaction the handler crashes. */
  crashAfterCommitRate: number;
}

export interface ConsumerConfig extends QueueUrls {
  region: string;
  table: string;
  bucket: string;
  key: string;
  statsWriteIntervalMs: number;
  maxReceiveCount: number;
  faults: FaultRates;
}

const env = (name: string): string | undefined => process.env[name]?.trim() || undefined;

function numberEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = env(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) throw new Error(`${name} must be a number from ${min} to ${max}, got '${raw}'`);
  return value;
}

const region = () => env('REGION') ?? env('AWS_REGION') ?? DEFAULT_REGION;
const table = () => env('STATS_TABLE') ?? 'aram-stats';
const queueUrls = (): QueueUrls => ({ queueUrl: env('QUEUE_URL'), dlqUrl: env('DLQ_URL') });

export function producerConfig(): ProducerConfig {
  return { region: region(), table: table(), queueName: env('QUEUE_NAME') ?? 'aram-queue', ...queueUrls() };
}

export function consumerConfig(): ConsumerConfig {
  return {
    region: region(),
    table: table(),
    bucket: env('S3_BUCKET') ?? 'aram-app-bucket',
    key: env('S3_KEY') ?? 'stats.json',
    statsWriteIntervalMs: numberEnv('STATS_WRITE_INTERVAL_MS', DEFAULT_STATS_WRITE_INTERVAL_MS, 0, 3_600_000),
    maxReceiveCount: numberEnv('MAX_RECEIVE_COUNT', DEFAULT_MAX_RECEIVE_COUNT, 1, 1000),
    faults: {
      transientRate: numberEnv('FAULT_TRANSIENT_RATE', 0, 0, 1),
      crashAfterCommitRate: numberEnv('FAULT_CRASH_AFTER_COMMIT_RATE', 0, 0, 1),
    },
    ...queueUrls(),
  };
}
