import { batchTables, defineAction } from '../action.js';
import { dynaliteAction, dynaliteValidation, runAction, validateInput, type AttributeMap, type Input, type TableDescription } from '../dynalite.js';
import type { DynamoStore } from '../store.js';
import { partitionOf, STANDARD_WRITE_UNITS, throughputExceeded } from '../throughput/hotKey.js';

const action = dynaliteAction('BatchWriteItem');
const validation = dynaliteValidation('BatchWriteItem');

interface WriteRequest {
  PutRequest?: { Item: AttributeMap };
  DeleteRequest?: { Key: AttributeMap };
}
type RequestItems = Record<string, WriteRequest[]>;

/**
 * BatchWriteItem, dynalite's, plus AWS's answer to hot partitions when the throughput model is on:
 * writes whose partition is out of capacity come back in UnprocessedItems, and when none of them
 * could be written the whole call is throttled.
 */
export const batchWriteItem = defineAction({ name: 'BatchWriteItem', action: 'dynamodb:BatchWriteItem', resource: batchTables }, async (input, store) => {
  const request = validateInput(input, validation, store.dynalite);
  if (!store.limiter) return runAction(action, store.dynalite, request);
  const { unprocessed, lastThrottledTable } = await holdBackThrottled(request, store);
  if (lastThrottledTable && Object.keys(request.RequestItems as RequestItems).length === 0) throw throughputExceeded(lastThrottledTable);
  const result = await runAction(action, store.dynalite, request);
  return { ...result, UnprocessedItems: unprocessed };
});

/** Takes the throttled writes out of `request` and returns them in UnprocessedItems' shape. */
async function holdBackThrottled(request: Input, store: DynamoStore) {
  const items = request.RequestItems as RequestItems;
  const unprocessed: RequestItems = {};
  let lastThrottledTable: TableDescription | undefined;
  for (const [name, writes] of Object.entries(items)) {
    const table = await store.table(name);
    const admitted = writes.filter((w) => {
      const partition = partitionOf(table, w.PutRequest?.Item ?? w.DeleteRequest?.Key);
      return !partition || store.limiter!.take([{ partition, units: STANDARD_WRITE_UNITS }]).length === 0;
    });
    if (admitted.length === writes.length) continue;
    lastThrottledTable = table;
    unprocessed[name] = writes.filter((w) => !admitted.includes(w));
    if (admitted.length > 0) items[name] = admitted;
    else delete items[name];
  }
  return { unprocessed, lastThrottledTable };
}
