import { dynaliteDb, fromDynaliteError, validationError, type AttributeMap, type Input, type TableDescription } from '../dynalite.js';
import type { DynamoStore } from '../store.js';
import type { LockTarget } from './locks.js';
import { itemAddress } from './staging.js';

/** One item of a transaction: its validated input, where it lives and the lock that guards it. */
export interface ItemTarget extends LockTarget {
  input: Input;
  table: TableDescription;
  /** The attributes that name the item: a Put's Item, the others' Key. */
  keyOrItem: AttributeMap;
}

export interface TransactionTargets {
  targets: ItemTarget[];
  /** Every table the transaction names, described once. */
  tables: Map<string, TableDescription>;
}

/**
 * Finds each item's table and storage key (a Put by its Item, the others by their Key): what AWS
 * checks before running anything. ResourceNotFoundException for a missing table, ValidationException
 * for a key that misses the schema or an item named twice.
 */
export async function resolveTargets(store: DynamoStore, items: readonly { input: Input; keyMember: 'Item' | 'Key' }[]): Promise<TransactionTargets> {
  const names = [...new Set(items.map(({ input }) => input.TableName as string))];
  const described = await Promise.all(names.map((name) => store.table(name)));
  const tables = new Map(names.map((name, i) => [name, described[i]]));
  const seen = new Set<string>();
  const targets = items.map(({ input, keyMember }) => {
    const table = tables.get(input.TableName as string)!;
    const keyOrItem = input[keyMember] as AttributeMap;
    const invalid = keyMember === 'Item' ? dynaliteDb.validateItem(keyOrItem, table) : dynaliteDb.validateKey(keyOrItem, table);
    if (invalid) throw fromDynaliteError(invalid);
    const key = dynaliteDb.createKey(keyOrItem, table);
    const lockOrder = itemAddress(table.TableName, key);
    if (seen.has(lockOrder)) throw validationError('Transaction request cannot include multiple operations on one item');
    seen.add(lockOrder);
    return { input, table, keyOrItem, key, lockOrder, itemDb: store.dynalite.getItemDb(table.TableName) };
  });
  return { targets, tables };
}
