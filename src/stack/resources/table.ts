import { drift, hasDrift, type Drift } from '../drift.js';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  ListTagsOfResourceCommand,
  TagResourceCommand,
  UpdateTableCommand,
  waitUntilTableExists,
  waitUntilTableNotExists,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import type { Resource, StackContext } from '../context.js';
import { doneUnlessNotFound, unlessNotFound, waiterTiming } from '../retry.js';
import { fromTagList, missingTags, toTagList } from './tags.js';
import { cliCommand } from '../../hints.js';

interface TableState {
  table: TableDescription;
  tags: Record<string, string>;
}

/** Deletes a table and waits until it is gone; false when there was none. */
export async function deleteTable(ctx: StackContext, TableName: string): Promise<boolean> {
  if (!(await doneUnlessNotFound(() => ctx.clients.dynamodb.send(new DeleteTableCommand({ TableName }))))) return false;
  ctx.progress(`waiting for ${TableName} to be deleted`);
  await waitUntilTableNotExists({ client: ctx.clients.dynamodb, ...waiterTiming(ctx.target.endpoint, 120) }, { TableName });
  return true;
}

/** DynamoDB table `aram-stats`: pk `id` (S), on-demand. */
export const table: Resource<TableState> = {
  id: 'table',
  after: [],
  name: (ctx) => ctx.names.table,

  read: (ctx) =>
    unlessNotFound(async () => {
      const { Table } = await ctx.clients.dynamodb.send(new DescribeTableCommand({ TableName: ctx.names.table }));
      if (!Table) return undefined;
      const { Tags } = await ctx.clients.dynamodb.send(new ListTagsOfResourceCommand({ ResourceArn: Table.TableArn }));
      return { table: Table, tags: fromTagList(Tags) };
    }),

  diff(ctx, current) {
    if (!current) return [drift('absent')];
    const reasons: Drift[] = [];
    const key = current.table.KeySchema ?? [];
    if (key.length !== 1 || key[0].AttributeName !== 'id') reasons.push(drift('key-schema-differs'));
    if (current.table.BillingModeSummary?.BillingMode !== 'PAY_PER_REQUEST') reasons.push(drift('billing-mode-differs'));
    if (missingTags(current.tags, ctx.tags).length) reasons.push(drift('tags-missing'));
    return reasons;
  },

  async apply(ctx, current, reasons) {
    const ddb = ctx.clients.dynamodb;
    if (!current) {
      await ddb.send(
        new CreateTableCommand({
          TableName: ctx.names.table,
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
          Tags: toTagList(ctx.tags),
        }),
      );
    } else {
      if (hasDrift(reasons, 'key-schema-differs'))
        throw new Error(
          `table ${ctx.names.table} has another key schema; delete it (${cliCommand('down', ctx.userFlags)}) and run ${cliCommand('up', ctx.userFlags)} again`,
        );
      if (hasDrift(reasons, 'billing-mode-differs')) {
        await ddb.send(new UpdateTableCommand({ TableName: ctx.names.table, BillingMode: 'PAY_PER_REQUEST' }));
      }
      if (hasDrift(reasons, 'tags-missing')) {
        await ddb.send(new TagResourceCommand({ ResourceArn: current.table.TableArn, Tags: toTagList(ctx.tags) }));
      }
    }
    ctx.progress('waiting for the table to be ACTIVE');
    await waitUntilTableExists({ client: ddb, ...waiterTiming(ctx.target.endpoint, 120) }, { TableName: ctx.names.table });
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: ctx.names.table }));
    ctx.outputs.tableArn = Table?.TableArn;
  },

  outputs(ctx, current) {
    ctx.outputs.tableArn = current.table.TableArn;
  },

  destroy: (ctx) => deleteTable(ctx, ctx.names.table),

  describe: (_ctx, current) => `${current.table.TableStatus}, ${current.table.BillingModeSummary?.BillingMode ?? 'PROVISIONED'}`,
};
