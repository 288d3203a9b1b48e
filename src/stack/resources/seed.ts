import { drift } from '../drift.js';
import { BatchGetItemCommand, PutItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Resource, StackContext } from '../context.js';
import { errorName, unlessNotFound } from '../retry.js';

/** BatchGetItem takes at most 100 keys. */
const BATCH_GET_LIMIT = 100;

interface SeedState {
  present: Set<string>;
}

const seedIds = (ctx: StackContext) => ctx.spec.seedItems().map((i) => i.id.S!);

async function presentIds(ctx: StackContext): Promise<Set<string>> {
  const present = new Set<string>();
  const ids = seedIds(ctx);
  for (let i = 0; i < ids.length; i += BATCH_GET_LIMIT) {
    let keys: Record<string, AttributeValue>[] = ids.slice(i, i + BATCH_GET_LIMIT).map((id) => ({ id: { S: id } }));
    while (keys.length) {
      const got = await ctx.clients.dynamodb.send(
        new BatchGetItemCommand({ RequestItems: { [ctx.names.table]: { Keys: keys, ProjectionExpression: 'id', ConsistentRead: true } } }),
      );
      for (const item of got.Responses?.[ctx.names.table] ?? []) present.add(item.id.S!);
      keys = got.UnprocessedKeys?.[ctx.names.table]?.Keys ?? [];
    }
  }
  return present;
}

/**
 * The items `up` puts into the table only if absent (trips with their seats, the seed's `total`, counter shards):
 * a second `up` never resets counts or seats.
 */
export const seed: Resource<SeedState> = {
  id: 'seed',
  after: ['table'],
  name: (ctx) => `${ctx.names.table} items`,

  read: (ctx) =>
    unlessNotFound(async () => {
      const present = await presentIds(ctx);
      // None of them there: the seed does not exist yet (a fresh table, or none).
      return present.size ? { present } : undefined;
    }),

  diff(ctx, current) {
    const missing = seedIds(ctx).filter((id) => !current?.present.has(id));
    return missing.length ? [drift('items-missing', `${missing.length} item(s): ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? '…' : ''}`)] : [];
  },

  async apply(ctx, current) {
    for (const item of ctx.spec.seedItems()) {
      if (current?.present.has(item.id.S!)) continue;
      try {
        await ctx.clients.dynamodb.send(new PutItemCommand({ TableName: ctx.names.table, Item: item, ConditionExpression: 'attribute_not_exists(id)' }));
      } catch (err) {
        // Written meanwhile by another run: keep what is there.
        if (errorName(err) !== 'ConditionalCheckFailedException') throw err;
      }
    }
  },

  outputs() {},

  // The table's destroy removes the items.
  destroy: async () => false,

  describe: (ctx, current) => `${current.present.size}/${ctx.spec.seedItems().length} seed items present`,
};
