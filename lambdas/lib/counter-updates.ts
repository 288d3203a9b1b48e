import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { N, S } from '../domain/attributes.js';
import type { CounterName } from '../domain/counters.js';
import { counterKey, randomShard, type CounterGroup } from '../domain/keys.js';

/** A transaction item adding `by` to counters on one shard (a random one unless given); ADD creates the shard. */
export function bumpCounters(
  table: string,
  group: CounterGroup,
  names: readonly CounterName[],
  { by = 1, shard = randomShard() }: { by?: number; shard?: number } = {},
): TransactWriteItem {
  return {
    Update: {
      TableName: table,
      Key: { id: S(counterKey(group, shard)) },
      UpdateExpression: `ADD ${names.map((_, i) => `#c${i} :by`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#c${i}`, name])),
      ExpressionAttributeValues: { ':by': N(by) },
    },
  };
}
