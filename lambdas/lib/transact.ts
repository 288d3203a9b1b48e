import { setTimeout as sleep } from 'node:timers/promises';
import { TransactWriteItemsCommand, type DynamoDBClient, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { Item } from '../domain/attributes.js';

/** Conflicting transactions on a contended trip item are retried here rather than after a 60 s visibility timeout. */
export const MAX_CONFLICT_RETRIES = 3;
const CONFLICT_BACKOFF_MS = 25;
const CONDITION_FAILED = 'ConditionalCheckFailed';

/**
 * Committed, or refused by a condition: `failed[i]` says whether item i's condition failed, and
 * `items[i]` is the item as it was when item i asked for ReturnValuesOnConditionCheckFailure ALL_OLD.
 */
export type TransactResult = { committed: true } | { committed: false; failed: boolean[]; items: (Item | undefined)[] };

/**
 * One TransactWriteItems. A cancellation with a failed condition is an answer (returned);
 * one caused only by a conflict is retried a few times; anything else is thrown (transient).
 */
export async function transact(db: DynamoDBClient, items: TransactWriteItem[]): Promise<TransactResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      await db.send(new TransactWriteItemsCommand({ TransactItems: items }));
      return { committed: true };
    } catch (err) {
      const reasons = cancellationReasons(err) ?? [];
      const failed = reasons.map((reason) => reason.Code === CONDITION_FAILED);
      if (failed.includes(true)) return { committed: false, failed, items: reasons.map((reason) => reason.Item) };
      if (!reasons.some((reason) => reason.Code === 'TransactionConflict') || attempt >= MAX_CONFLICT_RETRIES) throw err;
      await sleep(CONFLICT_BACKOFF_MS * 2 ** attempt * (0.5 + Math.random()));
    }
  }
}

/** The per-item reasons of a TransactionCanceledException; none for any other error. */
function cancellationReasons(err: unknown): { Code?: string; Item?: Item }[] | undefined {
  const e = err as { name?: string; CancellationReasons?: { Code?: string; Item?: Item }[] };
  return e?.name === 'TransactionCanceledException' ? e.CancellationReasons : undefined;
}
