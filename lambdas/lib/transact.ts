import { TransactWriteItemsCommand, type DynamoDBClient, type TransactWriteItem } from '@aws-sdk/client-dynamodb';

/** Conflicting transactions on a contended trip item are retried here rather than after a 60 s visibility timeout. */
export const MAX_CONFLICT_RETRIES = 3;
const CONFLICT_BACKOFF_MS = 25;
const CONDITION_FAILED = 'ConditionalCheckFailed';

/** Committed, or refused by a condition: `failed[i]` says whether item i's condition failed. */
export type TransactResult = { committed: true } | { committed: false; failed: boolean[] };

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
      const codes = cancellationCodes(err);
      if (codes?.includes(CONDITION_FAILED)) return { committed: false, failed: codes.map((code) => code === CONDITION_FAILED) };
      if (!codes?.includes('TransactionConflict') || attempt >= MAX_CONFLICT_RETRIES) throw err;
      await sleep(CONFLICT_BACKOFF_MS * 2 ** attempt * (0.5 + Math.random()));
    }
  }
}

/** The per-item reason codes of a TransactionCanceledException, or undefined for any other error. */
function cancellationCodes(err: unknown): string[] | undefined {
  const e = err as { name?: string; CancellationReasons?: { Code?: string }[] };
  if (e?.name !== 'TransactionCanceledException' || !e.CancellationReasons) return undefined;
  return e.CancellationReasons.map((reason) => reason.Code ?? 'None');
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
