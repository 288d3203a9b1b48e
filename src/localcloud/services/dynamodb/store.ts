import type { CallContext, LocalCloudOptions } from '../../core/types.js';
import { call, createDynaliteStore, type DynaliteStore, type Input, type TableDescription } from './dynalite.js';
import { IdempotencyTokens } from './transactions/idempotency.js';
import { PartitionWriteLimiter } from './throughput/limiter.js';

/** Everything the DynamoDB operations work on, for one region of the embedded cloud (tables are regional). */
export interface DynamoStore {
  readonly dynalite: DynaliteStore;
  /** The per-partition write model; undefined when `dynamoPartitionWriteRate` is 0 (off). */
  readonly limiter?: PartitionWriteLimiter;
  /** TransactWriteItems ClientRequestTokens seen in the idempotency window. */
  readonly tokens: IdempotencyTokens;
  /** A table as item operations see it: ResourceNotFoundException unless ACTIVE or UPDATING. */
  table(name: string): Promise<TableDescription>;
}

/** One DynamoDB operation: the parsed JSON request in, the JSON response out; AwsErrors thrown. */
export type Handler = (input: Input, store: DynamoStore, ctx: CallContext) => Promise<unknown>;

export function createDynamoStore(options: LocalCloudOptions, region: string): DynamoStore {
  const t = options.timings;
  const dynalite = createDynaliteStore(region, {
    createTableMs: t.tableTransitionMs,
    deleteTableMs: t.tableTransitionMs,
    updateTableMs: t.tableTransitionMs,
  });
  const rate = options.dynamoPartitionWriteRate;
  return {
    dynalite,
    limiter: rate > 0 ? new PartitionWriteLimiter(rate) : undefined,
    tokens: new IdempotencyTokens(),
    table: (name) => call<TableDescription>((cb) => dynalite.getTable(name, cb)),
  };
}
