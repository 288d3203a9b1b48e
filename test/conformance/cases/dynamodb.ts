import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteItemCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  QueryCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import type { Clients } from '../../../src/aws/clients.js';
import type { Case, CaseContext } from '../types.js';
import { error, fromReference, recorded } from './common.js';

const T = 'dynamodb/test_dynamodb';
const P = 'TestDynamoDB::';
const REFERENCE = 'https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/';
const ITEM: Record<string, AttributeValue> = { id: { S: '456' }, price: { N: '650' }, product: { S: 'sporting goods' } };
const notFound = error('ResourceNotFoundException', 400);

/** The table ARN a table of this case's own has. */
async function tableArn(c: Clients, ctx: CaseContext) {
  const TableName = await ctx.table();
  return (await c.dynamodb.send(new DescribeTableCommand({ TableName }))).Table!.TableArn!;
}

/** A conditional write on ITEM that fails, asking for the item as it is: the SDK error's members, as a case's output. */
async function failedCondition(c: Clients, ctx: CaseContext, write: (TableName: string) => Promise<unknown>) {
  const TableName = await ctx.table();
  await c.dynamodb.send(new PutItemCommand({ TableName, Item: ITEM }));
  try {
    await write(TableName);
    return { name: 'no error' };
  } catch (err) {
    const e = err as { name: string; Item?: unknown; $metadata: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata.httpStatusCode, Item: e.Item };
  }
}
const FAILED_WITH_ITEM = { keys: ['name', 'status', 'Item'], values: { name: 'ConditionalCheckFailedException', status: 400, Item: ITEM } };
const CONDITION = { ConditionExpression: 'price between :lo and :hi', ExpressionAttributeValues: { ':lo': { N: '500' }, ':hi': { N: '600' } } };

export const DYNAMODB_CASES: Case[] = [
  ...recorded('dynamodb', T, `${P}test_table_crud`, [
    {
      id: 'dynamodb.create-table.provisioned',
      run: (c, ctx) =>
        c.dynamodb.send(
          new CreateTableCommand({
            TableName: ctx.name(),
            KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
            AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
            ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
          }),
        ),
      expect: {
        keys: ['TableDescription'],
        nested: {
          TableDescription: [
            'AttributeDefinitions',
            'CreationDateTime',
            'DeletionProtectionEnabled',
            'ItemCount',
            'KeySchema',
            'ProvisionedThroughput',
            'TableArn',
            'TableId',
            'TableName',
            'TableSizeBytes',
            'TableStatus',
          ],
          'TableDescription.ProvisionedThroughput': ['NumberOfDecreasesToday', 'ReadCapacityUnits', 'WriteCapacityUnits'],
        },
        values: { 'TableDescription.TableStatus': 'CREATING', 'TableDescription.DeletionProtectionEnabled': false, 'TableDescription.ItemCount': 0 },
      },
    },
    {
      id: 'dynamodb.delete-table',
      run: async (c, ctx) => c.dynamodb.send(new DeleteTableCommand({ TableName: await ctx.table() })),
      expect: {
        keys: ['TableDescription'],
        values: { 'TableDescription.TableStatus': 'DELETING' },
      },
    },
    { id: 'dynamodb.delete-table.missing', run: (c, ctx) => c.dynamodb.send(new DeleteTableCommand({ TableName: ctx.name('nope') })), expect: notFound },
  ]),
  ...recorded('dynamodb', T, `${P}test_return_values_on_conditions_check_failure`, [
    {
      id: 'dynamodb.delete-item.condition-failed-all-old',
      run: (c, ctx) =>
        failedCondition(c, ctx, (TableName) =>
          c.dynamodb.send(new DeleteItemCommand({ TableName, Key: { id: ITEM.id }, ...CONDITION, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' })),
        ),
      expect: FAILED_WITH_ITEM,
    },
  ]),
  ...fromReference('dynamodb', `${REFERENCE}API_PutItem.html (ReturnValuesOnConditionCheckFailure)`, [
    {
      id: 'dynamodb.put-item.condition-failed-all-old',
      run: (c, ctx) =>
        failedCondition(c, ctx, (TableName) =>
          c.dynamodb.send(new PutItemCommand({ TableName, Item: { id: ITEM.id }, ...CONDITION, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' })),
        ),
      expect: FAILED_WITH_ITEM,
    },
    {
      id: 'dynamodb.put-item.condition-failed-none',
      run: (c, ctx) => failedCondition(c, ctx, (TableName) => c.dynamodb.send(new PutItemCommand({ TableName, Item: { id: ITEM.id }, ...CONDITION }))),
      expect: { keys: ['name', 'status'], values: { name: 'ConditionalCheckFailedException', status: 400 } },
    },
  ]),
  ...fromReference('dynamodb', `${REFERENCE}API_UpdateItem.html (ReturnValuesOnConditionCheckFailure)`, [
    {
      id: 'dynamodb.update-item.condition-failed-all-old',
      run: (c, ctx) =>
        failedCondition(c, ctx, (TableName) =>
          c.dynamodb.send(
            new UpdateItemCommand({
              TableName,
              Key: { id: ITEM.id },
              UpdateExpression: 'SET product = :p',
              ConditionExpression: CONDITION.ConditionExpression,
              ExpressionAttributeValues: { ...CONDITION.ExpressionAttributeValues, ':p': { S: 'x' } },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            }),
          ),
        ),
      expect: FAILED_WITH_ITEM,
    },
  ]),
  ...recorded('dynamodb', T, `${P}test_transaction_write_items`, [
    {
      id: 'dynamodb.transact-write-items.table-arn',
      run: async (c, ctx) => {
        const TableName = await tableArn(c, ctx);
        return c.dynamodb.send(
          new TransactWriteItemsCommand({
            TransactItems: [
              { ConditionCheck: { TableName, ConditionExpression: 'attribute_not_exists(id)', Key: { id: { S: 'test1' } } } },
              { Put: { TableName, Item: { id: { S: 'test2' } } } },
              {
                Update: { TableName, Key: { id: { S: 'test3' } }, UpdateExpression: 'SET attr1 = :v1', ExpressionAttributeValues: { ':v1': { S: 'value1' } } },
              },
              { Delete: { TableName, Key: { id: { S: 'test4' } } } },
            ],
          }),
        );
      },
      expect: { keys: [] },
    },
  ]),
  ...recorded('dynamodb', T, `${P}test_transact_get_items`, [
    {
      id: 'dynamodb.transact-get-items.table-arn',
      run: async (c, ctx) => {
        const TableName = await tableArn(c, ctx);
        await c.dynamodb.send(new PutItemCommand({ TableName: ctx.name('t'), Item: { id: { S: 'Sarah' } } }));
        return c.dynamodb.send(new TransactGetItemsCommand({ TransactItems: [{ Get: { TableName, Key: { id: { S: 'Sarah' } } } }] }));
      },
      expect: { keys: ['Responses'], values: { 'Responses.0': { Item: { id: { S: 'Sarah' } } } } },
    },
  ]),
  ...fromReference('dynamodb', `${REFERENCE}API_PutItem.html (TableName: "You can also provide the Amazon Resource Name (ARN) of the table")`, [
    {
      id: 'dynamodb.put-get-item.table-arn',
      run: async (c, ctx) => {
        const TableName = await tableArn(c, ctx);
        await c.dynamodb.send(new PutItemCommand({ TableName, Item: ITEM }));
        return c.dynamodb.send(new GetItemCommand({ TableName, Key: { id: ITEM.id } }));
      },
      expect: { keys: ['Item'], values: { Item: ITEM } },
    },
    {
      id: 'dynamodb.query.table-arn',
      run: async (c, ctx) =>
        c.dynamodb.send(
          new QueryCommand({ TableName: await tableArn(c, ctx), KeyConditionExpression: 'id = :id', ExpressionAttributeValues: { ':id': ITEM.id } }),
        ),
      expect: { keys: ['Count', 'Items', 'ScannedCount'], values: { Count: 0, Items: [] } },
    },
  ]),
  ...recorded('dynamodb', T, `${P}test_return_values_in_put_item`, [
    {
      id: 'dynamodb.put-item.all-old-new-item',
      run: async (c, ctx) => c.dynamodb.send(new PutItemCommand({ TableName: await ctx.table(), Item: ITEM, ReturnValues: 'ALL_OLD' })),
      expect: { keys: [] },
    },
    {
      id: 'dynamodb.put-item.all-old-replaced',
      run: async (c, ctx) => {
        const TableName = await ctx.table();
        await c.dynamodb.send(new PutItemCommand({ TableName, Item: ITEM }));
        return c.dynamodb.send(new PutItemCommand({ TableName, Item: { id: ITEM.id }, ReturnValues: 'ALL_OLD' }));
      },
      expect: { keys: ['Attributes'], values: { Attributes: ITEM } },
    },
  ]),
  ...recorded('dynamodb', T, `${P}test_batch_write_items`, [
    {
      id: 'dynamodb.batch-write-item',
      run: async (c, ctx) => c.dynamodb.send(new BatchWriteItemCommand({ RequestItems: { [await ctx.table()]: [{ PutRequest: { Item: ITEM } }] } })),
      expect: { keys: ['UnprocessedItems'], values: { UnprocessedItems: {} } },
    },
  ]),
  ...recorded('dynamodb', T, `${P}test_dynamodb_get_batch_items`, [
    {
      id: 'dynamodb.batch-get-item.nothing-found',
      run: async (c, ctx) => {
        const TableName = await ctx.table();
        const out = await c.dynamodb.send(new BatchGetItemCommand({ RequestItems: { [TableName]: { Keys: [{ id: { S: 'test-key' } }] } } }));
        return { ...out, Responses: out.Responses?.[TableName] };
      },
      expect: { keys: ['Responses', 'UnprocessedKeys'], values: { Responses: [], UnprocessedKeys: {} } },
    },
  ]),
  ...recorded('dynamodb', T, `${P}test_batch_write_not_existing_table`, [
    {
      id: 'dynamodb.transact-write-items.missing-table',
      run: (c, ctx) => c.dynamodb.send(new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: ctx.name('nope'), Item: {} } }] })),
      expect: notFound,
    },
  ]),
  ...recorded('dynamodb', T, `${P}test_dynamodb_idempotent_writing`, [
    {
      id: 'dynamodb.put-item.same-twice',
      run: async (c, ctx) => {
        const TableName = await ctx.table();
        await c.dynamodb.send(new PutItemCommand({ TableName, Item: ITEM }));
        return c.dynamodb.send(new PutItemCommand({ TableName, Item: ITEM }));
      },
      expect: { keys: [] },
    },
  ]),
  ...fromReference('dynamodb', `${REFERENCE}CommonErrors.html and API_*.html Errors`, [
    {
      id: 'dynamodb.get-item.missing-table',
      run: (c, ctx) => c.dynamodb.send(new GetItemCommand({ TableName: ctx.name('nope'), Key: { id: ITEM.id } })),
      expect: notFound,
    },
    {
      id: 'dynamodb.get-item.key-misses-schema',
      run: async (c, ctx) => c.dynamodb.send(new GetItemCommand({ TableName: await ctx.table(), Key: { other: ITEM.id } })),
      expect: error('ValidationException', 400),
    },
    {
      id: 'dynamodb.create-table.exists',
      run: async (c, ctx) =>
        c.dynamodb.send(
          new CreateTableCommand({
            TableName: await ctx.table(),
            KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
            AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
            BillingMode: 'PAY_PER_REQUEST',
          }),
        ),
      expect: error('ResourceInUseException', 400),
    },
    {
      id: 'dynamodb.transact-write-items.condition-failed',
      run: async (c, ctx) =>
        c.dynamodb.send(
          new TransactWriteItemsCommand({
            TransactItems: [{ ConditionCheck: { TableName: await ctx.table(), Key: { id: ITEM.id }, ConditionExpression: 'attribute_exists(id)' } }],
          }),
        ),
      expect: error('TransactionCanceledException', 400),
    },
    {
      id: 'dynamodb.update-item.all-new',
      run: async (c, ctx) =>
        c.dynamodb.send(
          new UpdateItemCommand({
            TableName: await ctx.table(),
            Key: { id: ITEM.id },
            UpdateExpression: 'ADD seats :n',
            ExpressionAttributeValues: { ':n': { N: '2' } },
            ReturnValues: 'ALL_NEW',
          }),
        ),
      expect: { keys: ['Attributes'], values: { Attributes: { id: ITEM.id, seats: { N: '2' } } } },
    },
    {
      id: 'dynamodb.list-tables',
      run: async (c, ctx) => {
        await ctx.table();
        return c.dynamodb.send(new ListTablesCommand({ ExclusiveStartTableName: ctx.name('s'), Limit: 1 }));
      },
      expect: { keys: ['TableNames'] },
    },
  ]),
];
