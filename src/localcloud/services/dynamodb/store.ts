import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { corruptState } from '../../core/persist.js';
import type { CallContext, LocalCloudOptions } from '../../core/types.js';
import { call, createDynaliteStore, type DynaliteStore, type Input, type LevelBatchOp, type TableDescription } from './dynalite.js';
import { IdempotencyTokens } from './transactions/idempotency.js';
import { PartitionWriteLimiter } from './throughput/limiter.js';
import { TABLE_SPACE } from './tableCache.js';

/** Everything the DynamoDB operations work on, for one region of the embedded cloud (tables are regional). */
export interface DynamoStore {
  readonly dynalite: DynaliteStore;
  /** The per-partition write model; undefined when `dynamoPartitionWriteRate` is 0 (off). */
  readonly limiter?: PartitionWriteLimiter;
  /** TransactWriteItems ClientRequestTokens seen in the idempotency window. */
  readonly tokens: IdempotencyTokens;
  /** Settles once the region's LevelDB is open (at once in memory); a StateError when it cannot be read. */
  readonly ready: Promise<void>;
  /** A table as item operations see it: ResourceNotFoundException unless ACTIVE or UPDATING. */
  table(name: string): Promise<TableDescription>;
}

/** One DynamoDB operation: the parsed JSON request in, the JSON response out; AwsErrors thrown. */
export type Handler = (input: Input, store: DynamoStore, ctx: CallContext) => Promise<unknown>;

/**
 * A table caught in a transition by a stop (the timer that ends it did not survive) ends it now, as
 * dynalite's timer would have: CREATING and UPDATING become ACTIVE, DELETING (items already gone) goes.
 */
async function settleTransitions(dynalite: DynaliteStore): Promise<void> {
  const writes: LevelBatchOp[] = [];
  for await (const [key, table] of dynalite.db.iterator({ gte: TABLE_SPACE, lt: `${TABLE_SPACE}\xff` })) {
    const t = table as { TableStatus?: string; GlobalSecondaryIndexes?: { IndexStatus?: string }[] };
    if (t.TableStatus === 'DELETING') writes.push({ type: 'del', key });
    else if (t.TableStatus !== 'ACTIVE') {
      for (const index of t.GlobalSecondaryIndexes ?? []) index.IndexStatus = 'ACTIVE';
      writes.push({ type: 'put', key, value: { ...table, TableStatus: 'ACTIVE' } });
    }
  }
  if (writes.length) await dynalite.db.batch(writes);
}

/** Where a region's tables live in a durable cloud: one LevelDB per region. */
export const dynamoDir = (stateDir: string) => join(stateDir, 'dynamodb');

/**
 * In memory (memory-level) for an ephemeral cloud; else LevelDB (classic-level) under the state dir. LevelDB
 * writes each batch to its log before the callback (no fsync: `sync: false`), so an answered write survives
 * a process kill, and a power cut can lose only the tail the OS had not flushed.
 */
export function createDynamoStore(options: LocalCloudOptions, region: string): DynamoStore {
  const t = options.timings;
  const path = options.ephemeral ? undefined : join(dynamoDir(options.stateDir), region);
  if (path) mkdirSync(path, { recursive: true });
  const dynalite = createDynaliteStore(region, {
    path,
    createTableMs: t.tableTransitionMs,
    deleteTableMs: t.tableTransitionMs,
    updateTableMs: t.tableTransitionMs,
  });
  const rate = options.dynamoPartitionWriteRate;
  return {
    dynalite,
    limiter: rate > 0 ? new PartitionWriteLimiter(rate) : undefined,
    tokens: new IdempotencyTokens(),
    ready: dynalite.db.open().then(
      () => settleTransitions(dynalite),
      (err: Error & { cause?: Error }) => {
        throw corruptState(path ?? region, 'DynamoDB', (err.cause ?? err).message, options.stateDir);
      },
    ),
    table: (name) => call<TableDescription>((cb) => dynalite.getTable(name, cb)),
  };
}
