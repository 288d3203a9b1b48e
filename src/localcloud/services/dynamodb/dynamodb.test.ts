import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateTableCommand,
  DescribeTableCommand,
  GetItemCommand,
  PutItemCommand,
  ResourceNotFoundException,
  UpdateItemCommand,
  ConditionalCheckFailedException,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { startTestCloud, type TestCloud } from '../../../../test/helpers/cloud.js';

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
      }),
    );
  });
  afterAll(() => t.stop());

  it('goes CREATING -> ACTIVE, and the waiter sees it', async () => {
    await waitUntilTableExists({ client: t.clients.dynamodb, maxWaitTime: 10, minDelay: 1 }, { TableName: 'items' });
    const d = await t.clients.dynamodb.send(new DescribeTableCommand({ TableName: 'items' }));
    expect(d.Table?.TableStatus).toBe('ACTIVE');
    expect(d.Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
  });

  it('does conditional writes', async () => {
    await t.clients.dynamodb.send(new PutItemCommand({ TableName: 'items', Item: { id: { S: 'seat' }, left: { N: '1' } } }));
    const take = () =>
      t.clients.dynamodb.send(
        new UpdateItemCommand({
          TableName: 'items',
          Key: { id: { S: 'seat' } },
          UpdateExpression: 'SET #l = #l - :one',
          ConditionExpression: '#l >= :one',
          ExpressionAttributeNames: { '#l': 'left' },
          ExpressionAttributeValues: { ':one': { N: '1' } },
        }),
      );
    await take();
    await expect(take()).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    const item = await t.clients.dynamodb.send(new GetItemCommand({ TableName: 'items', Key: { id: { S: 'seat' } } }));
    expect(item.Item?.left.N).toBe('0');
  });

  it('answers an unknown table with ResourceNotFoundException', async () => {
    await expect(t.clients.dynamodb.send(new DescribeTableCommand({ TableName: 'missing' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});
