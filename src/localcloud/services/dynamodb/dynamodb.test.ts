import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  CreateTableCommand,
  DynamoDBClient,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  DescribeTableCommand,
  GetItemCommand,
  ListTablesCommand,
  ListTagsOfResourceCommand,
  PutItemCommand,
  ResourceNotFoundException,
  UpdateItemCommand,
  ConditionalCheckFailedException,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { startTestCloud, type TestCloud } from '../../../../test/helpers/cloud.js';
import { createTable } from './testTables.js';
import { LOCAL_CREDENTIALS } from '../../../aws/clients.js';

describe('dynamodb (dynalite behind the edge)', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud({ timings: { tableTransitionMs: 50 } });
    await t.clients.dynamodb.send(
      new CreateTableCommand({
        TableName: 'items',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        Tags: [{ Key: 'app', Value: 'bus-cli' }],
      }),
    );
  });
  afterAll(() => t.stop());

  it('keeps tables in their region: the ARN names it, and another region neither lists nor finds them', async () => {
    const { Table } = await t.clients.dynamodb.send(new DescribeTableCommand({ TableName: 'items' }));
    expect(Table?.TableArn).toBe(`arn:aws:dynamodb:${t.region}:000000000000:table/items`);
    const elsewhere = new DynamoDBClient({ region: 'eu-west-1', endpoint: t.cloud.endpoint, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
    try {
      expect((await elsewhere.send(new ListTablesCommand({}))).TableNames).toEqual([]);
      await expect(elsewhere.send(new DescribeTableCommand({ TableName: 'items' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
      expect((await t.clients.dynamodb.send(new ListTablesCommand({}))).TableNames).toContain('items');
    } finally {
      elsewhere.destroy();
    }
  });

  it('keeps the Tags given to CreateTable (dynalite alone drops them)', async () => {
    const { Table } = await t.clients.dynamodb.send(new DescribeTableCommand({ TableName: 'items' }));
    const { Tags } = await t.clients.dynamodb.send(new ListTagsOfResourceCommand({ ResourceArn: Table!.TableArn }));
    expect(Tags).toEqual([{ Key: 'app', Value: 'bus-cli' }]);
  });

  it('goes CREATING -> ACTIVE, and the waiter sees it', async () => {
    await waitUntilTableExists({ client: t.clients.dynamodb, maxWaitTime: 10, minDelay: 1 }, { TableName: 'items' });
    const d = await t.clients.dynamodb.send(new DescribeTableCommand({ TableName: 'items' }));
    expect(d.Table?.TableStatus).toBe('ACTIVE');
    expect(d.Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
  });

  it('does conditional writes, evaluating a repeated expression afresh each time (parses are cached)', async () => {
    await t.clients.dynamodb.send(new PutItemCommand({ TableName: 'items', Item: { id: { S: 'repeat' }, n: { N: '10' } } }));
    const step = (extra: Record<string, { N: string }> = {}) =>
      t.clients.dynamodb.send(
        new UpdateItemCommand({
          TableName: 'items',
          Key: { id: { S: 'repeat' } },
          UpdateExpression: 'SET n = n - :step',
          ConditionExpression: 'n >= :step',
          ExpressionAttributeValues: { ':step': { N: '3' }, ...extra },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
    const left = [];
    for (let i = 0; i < 3; i++) left.push((await step()).Attributes?.n.N);
    expect(left).toEqual(['7', '4', '1']);
    await expect(step()).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    const item = await t.clients.dynamodb.send(new GetItemCommand({ TableName: 'items', Key: { id: { S: 'repeat' } } }));
    expect(item.Item?.n.N).toBe('1');
    await expect(step({ ':unused': { N: '1' } })).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}',
    });
  });

  it('answers an unknown table with ResourceNotFoundException', async () => {
    await expect(t.clients.dynamodb.send(new DescribeTableCommand({ TableName: 'missing' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('passes BatchWriteItem and BatchGetItem through with empty UnprocessedItems / UnprocessedKeys', async () => {
    const written = await t.clients.dynamodb.send(
      new BatchWriteItemCommand({ RequestItems: { items: [{ PutRequest: { Item: { id: { S: 'b1' } } } }, { PutRequest: { Item: { id: { S: 'b2' } } } }] } }),
    );
    expect(written.UnprocessedItems).toEqual({});
    const read = await t.clients.dynamodb.send(new BatchGetItemCommand({ RequestItems: { items: { Keys: [{ id: { S: 'b1' } }, { id: { S: 'b2' } }] } } }));
    expect(read.UnprocessedKeys).toEqual({});
    expect(read.Responses?.items?.map((i) => i.id.S).sort()).toEqual(['b1', 'b2']);
  });
});

describe('dynamodb IAM checks for role sessions', () => {
  const ACCOUNT = '000000000000';
  let t: TestCloud;
  let role: DynamoDBClient;
  const tableArn = (name: string) => `arn:aws:dynamodb:${t.region}:${ACCOUNT}:table/${name}`;
  const denied = (action: string, table: string) => ({
    name: 'AccessDeniedException',
    message: expect.stringContaining(`is not authorized to perform: ${action} on resource: ${tableArn(table)}`),
  });

  beforeAll(async () => {
    t = await startTestCloud();
    await createTable(t.clients.dynamodb, 'bookings');
    await createTable(t.clients.dynamodb, 'trips');
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] };
    await t.clients.iam.send(new CreateRoleCommand({ RoleName: 'consumer', AssumeRolePolicyDocument: JSON.stringify(trust) }));
    const allow = (Action: string, table: string) => ({ Effect: 'Allow', Action, Resource: `arn:aws:dynamodb:*:${ACCOUNT}:table/${table}` });
    const policy = {
      Version: '2012-10-17',
      Statement: [
        allow('dynamodb:PutItem', 'bookings'),
        allow('dynamodb:BatchWriteItem', 'bookings'),
        allow('dynamodb:UpdateItem', 'trips'),
        allow('dynamodb:GetItem', 'trips'),
      ],
    };
    await t.clients.iam.send(new PutRolePolicyCommand({ RoleName: 'consumer', PolicyName: 'booking', PolicyDocument: JSON.stringify(policy) }));
    const { Credentials: c } = await t.clients.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/consumer`, RoleSessionName: 'test' }));
    role = new DynamoDBClient({
      region: t.region,
      endpoint: t.cloud.endpoint,
      maxAttempts: 1,
      credentials: { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken },
    });
  });
  afterAll(async () => {
    role.destroy();
    await t.stop();
  });

  const put = (table: string, id: string) => ({ Put: { TableName: table, Item: { id: { S: id } } } });
  const update = (table: string, id: string) => ({
    Update: { TableName: table, Key: { id: { S: id } }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '1' } } },
  });

  it('checks each transaction item against the action it stands for, on its own table', async () => {
    await role.send(new TransactWriteItemsCommand({ TransactItems: [put('bookings', 'ok'), update('trips', 'trip')] }));
    await expect(role.send(new TransactWriteItemsCommand({ TransactItems: [put('bookings', 'no'), put('trips', 'no')] }))).rejects.toMatchObject(
      denied('dynamodb:PutItem', 'trips'),
    );
    const check = { ConditionCheck: { TableName: 'bookings', Key: { id: { S: 'ok' } }, ConditionExpression: 'attribute_exists(id)' } };
    await expect(role.send(new TransactWriteItemsCommand({ TransactItems: [check, update('trips', 'trip')] }))).rejects.toMatchObject(
      denied('dynamodb:ConditionCheckItem', 'bookings'),
    );
    const gets = (table: string) => new TransactGetItemsCommand({ TransactItems: [{ Get: { TableName: table, Key: { id: { S: 'trip' } } } }] });
    expect((await role.send(gets('trips'))).Responses).toEqual([{ Item: { id: { S: 'trip' }, n: { N: '1' } } }]);
    await expect(role.send(gets('bookings'))).rejects.toMatchObject(denied('dynamodb:GetItem', 'bookings'));
    const booked = await t.clients.dynamodb.send(new GetItemCommand({ TableName: 'bookings', Key: { id: { S: 'no' } } }));
    expect(booked.Item).toBeUndefined();
  });

  it('checks BatchWriteItem on every table it writes to', async () => {
    const write = (tables: string[]) =>
      new BatchWriteItemCommand({ RequestItems: Object.fromEntries(tables.map((table) => [table, [{ PutRequest: { Item: { id: { S: 'batch' } } } }]])) });
    await role.send(write(['bookings']));
    await expect(role.send(write(['bookings', 'trips']))).rejects.toMatchObject(denied('dynamodb:BatchWriteItem', 'trips'));
  });
});
