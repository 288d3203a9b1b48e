import { setTimeout as sleep } from 'node:timers/promises';
import { BatchGetItemCommand, type BatchGetItemCommandOutput, type DynamoDBClient, type KeysAndAttributes } from '@aws-sdk/client-dynamodb';
import { S, type Item } from '../domain/attributes.js';

/** BatchGetItem takes at most this many keys per call. */
const MAX_KEYS_PER_BATCH = 100;
const MAX_UNPROCESSED_ROUNDS = 5;
const UNPROCESSED_BACKOFF_MS = 20;

/** Strongly consistent reads of the items with these ids (missing ones are simply absent). */
export async function batchGet(db: DynamoDBClient, table: string, ids: readonly string[]): Promise<Item[]> {
  const items: Item[] = [];
  for (let start = 0; start < ids.length; start += MAX_KEYS_PER_BATCH) {
    let request: Record<string, KeysAndAttributes> | undefined = {
      [table]: { Keys: ids.slice(start, start + MAX_KEYS_PER_BATCH).map((id) => ({ id: S(id) })), ConsistentRead: true },
    };
    for (let round = 0; request && Object.keys(request).length > 0; round++) {
      if (round >= MAX_UNPROCESSED_ROUNDS) throw new Error(`BatchGetItem on ${table} left keys unprocessed after ${round} rounds`);
      if (round > 0) await sleep(UNPROCESSED_BACKOFF_MS * 2 ** round);
      const page: BatchGetItemCommandOutput = await db.send(new BatchGetItemCommand({ RequestItems: request }));
      items.push(...(page.Responses?.[table] ?? []));
      request = page.UnprocessedKeys;
    }
  }
  return items;
}
