import type { ConsumedCapacity } from '../dynalite.js';

/** A transactional read or write costs twice the capacity of the plain one (prepare and commit). */
const TRANSACTION_COST_FACTOR = 2;

/**
 * The ConsumedCapacity list of a transaction (one entry per table) from the per-item capacity dynalite
 * computed, or undefined when the request did not ask for it (ReturnConsumedCapacity TOTAL / INDEXES).
 */
export function transactionCapacity(
  perItem: readonly (ConsumedCapacity | undefined)[],
  mode: unknown,
  unitsMember: 'ReadCapacityUnits' | 'WriteCapacityUnits',
): Record<string, unknown>[] | undefined {
  if (mode !== 'TOTAL' && mode !== 'INDEXES') return undefined;
  const perTable = new Map<string, number>();
  for (const used of perItem) {
    if (used) perTable.set(used.TableName, (perTable.get(used.TableName) ?? 0) + TRANSACTION_COST_FACTOR * used.CapacityUnits);
  }
  return [...perTable].map(([TableName, units]) => ({
    TableName,
    CapacityUnits: units,
    [unitsMember]: units,
    ...(mode === 'INDEXES' ? { Table: { CapacityUnits: units, [unitsMember]: units } } : {}),
  }));
}
