/** The Lambdas' settings, read from the environment the stack sets (the names: domain/contract.ts). */
import { ENV, STATS_KEY } from '../domain/contract.js';

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

export interface ConsumerConfig extends QueueUrls {
  region: string;
  table: string;
  bucket: string;
  key: string;
  statsWriteIntervalMs: number;
  maxReceiveCount: number;
}

const env = (name: string): string | undefined => process.env[name]?.trim() || undefined;

function numberEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = env(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) throw new Error(`${name} must be a number from ${min} to ${max}, got '${raw}'`);
  return value;
}

const region = () => env(ENV.region) ?? env('AWS_REGION') ?? DEFAULT_REGION;
const table = () => env(ENV.table) ?? 'aram-stats';
const queueUrls = (): QueueUrls => ({ queueUrl: env(ENV.queueUrl), dlqUrl: env(ENV.dlqUrl) });

export function producerConfig(): ProducerConfig {
  return { region: region(), table: table(), queueName: env(ENV.queueName) ?? 'aram-queue', ...queueUrls() };
}

export function consumerConfig(): ConsumerConfig {
  return {
    region: region(),
    table: table(),
    bucket: env(ENV.bucket) ?? 'aram-app-bucket',
    key: env(ENV.statsKey) ?? STATS_KEY,
    statsWriteIntervalMs: numberEnv(ENV.statsWriteIntervalMs, DEFAULT_STATS_WRITE_INTERVAL_MS, 0, 3_600_000),
    maxReceiveCount: numberEnv(ENV.maxReceiveCount, DEFAULT_MAX_RECEIVE_COUNT, 1, 1000),
    ...queueUrls(),
  };
}
