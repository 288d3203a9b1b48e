import type { AttributeMap, Callback, DynaliteStore, LevelBatchOp, Releaser, TableDescription } from '../dynalite.js';

/*
 * dynalite keeps every table's items and index entries in one in-memory LevelDB, under key prefixes
 * (db/index.js getSubDb): staged entries written there in one batch become visible all at once, and
 * items are read synchronously, so a transaction holds its locks for no event-loop turn when nothing
 * else contends for them.
 */
const itemSpace = (table: string) => `item-${table}~`;
const indexSpace = (indexType: string, table: string, index: string) => `index-${indexType.toLowerCase()}~${table}~${index}~`;

/** The transaction already holds every item lock it needs: dynalite's operations must not wait on them again. */
const alreadyHeld: Releaser = (done) => done ?? (() => {});

/** Where a read is remembered: the item's table and storage key (as `LockTarget.lockOrder`). */
export const itemAddress = (table: string, key: string) => `${table}\u0000${key}`;

/** What a transaction's items see through their view of the store. */
export interface TransactionView {
  store: DynaliteStore;
  /** Every item read, by item address (undefined: no such item). */
  reads: Map<string, AttributeMap | undefined>;
  /** Every write the items made, recorded for `commitWrites`, not yet applied. */
  writes: LevelBatchOp[];
}

/**
 * dynalite's store as a transaction's items see it, for its own operation functions to run on:
 * tables already described, item locks held, items read synchronously from the real store, and
 * writes (items and index entries) only recorded.
 */
export function transactionView(real: DynaliteStore, tables: ReadonlyMap<string, TableDescription>): TransactionView {
  const reads = new Map<string, AttributeMap | undefined>();
  const writes: LevelBatchOp[] = [];
  const recordInto = (space: string) => ({
    put(key: string, value: AttributeMap, cb: Callback) {
      writes.push({ type: 'put', key: space + key, value });
      cb();
    },
    del(key: string, cb: Callback) {
      writes.push({ type: 'del', key: space + key });
      cb();
    },
  });
  const store: DynaliteStore = {
    ...real,
    getTable(name, cb) {
      const table = tables.get(name);
      if (table) cb(null, table);
      else real.getTable(name, cb);
    },
    getItemDb: (table) => ({
      ...recordInto(itemSpace(table)),
      lock: (_key, exec) => exec(alreadyHeld),
      get(key, cb) {
        const item = real.db.getSync(itemSpace(table) + key);
        reads.set(itemAddress(table, key), item);
        cb(null, item);
      },
    }),
    getIndexDb: (indexType, table, index) => recordInto(indexSpace(indexType, table, index)),
  };
  return { store, reads, writes };
}

/** Applies every write recorded in a view in one atomic LevelDB batch. */
export async function commitWrites(real: DynaliteStore, view: TransactionView): Promise<void> {
  if (view.writes.length > 0) await real.db.batch(view.writes);
}
