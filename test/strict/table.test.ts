import { describe, expect, it } from 'vitest';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  GetItemCommand,
  PutItemCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { Resource } from '../../src/stack/context.js';
import { destroy } from '../../src/stack/apply.js';
import { table } from '../../src/stack/resources/table.js';
import { seed } from '../../src/stack/resources/seed.js';
import { isNotFound } from '../../src/stack/retry.js';
import { waitUntil } from '../helpers/stack.js';
import { progressRecorder, rejection, up, useSession, useStrictCloud } from './support.js';

/** Long enough to write to a CREATING table from the test. */
const TABLE_TRANSITION_MS = 400;
const TABLE_AND_SEED = [table, seed] as Resource<unknown>[];

describe('DynamoDB CREATING -> ACTIVE, DELETING (issue 5, behaviour 8)', () => {
  const cloud = useStrictCloud({ timings: { tableTransitionMs: TABLE_TRANSITION_MS } });

  const status = async (TableName: string) => {
    try {
      return (await cloud().clients.dynamodb.send(new DescribeTableCommand({ TableName }))).Table?.TableStatus;
    } catch (err) {
      if (isNotFound(err)) return 'gone';
      throw err;
    }
  };

  it('the cloud: a new table is CREATING and refuses writes until ACTIVE; a deleted one is DELETING and its name is in use', async () => {
    const ddb = cloud().clients.dynamodb;
    const TableName = 'transitions';
    const definition: CreateTableCommandInput = {
      TableName,
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    };
    const created = await ddb.send(new CreateTableCommand(definition));
    expect(created.TableDescription?.TableStatus).toBe('CREATING');
    const write = await rejection(ddb.send(new PutItemCommand({ TableName, Item: { id: { S: 'x' } } })));
    expect([write.name, write.$metadata?.httpStatusCode]).toEqual(['ResourceNotFoundException', 400]);
    await waitUntil(async () => ((await status(TableName)) === 'ACTIVE' ? true : undefined));
    await ddb.send(new PutItemCommand({ TableName, Item: { id: { S: 'x' } } }));

    const deleted = await ddb.send(new DeleteTableCommand({ TableName }));
    expect(deleted.TableDescription?.TableStatus).toBe('DELETING');
    const again = await rejection(ddb.send(new CreateTableCommand(definition)));
    expect(again.name).toBe('ResourceInUseException');
    await waitUntil(async () => ((await status(TableName)) === 'gone' ? true : undefined));
  });

  describe('the CLI', () => {
    const session = useSession(cloud, 'tables');

    it('waits for ACTIVE before the seed items are written', async () => {
      const progress = progressRecorder();
      await up(session(), progress.reporter, TABLE_AND_SEED);
      expect(progress.of('table')).toContain('waiting for the table to be ACTIVE');
      const total = await cloud().clients.dynamodb.send(new GetItemCommand({ TableName: session().ctx.names.table, Key: { id: { S: 'total' } } }));
      expect(total.Item?.requests).toEqual({ N: '0' });
    });

    it('`down` waits until the table is gone, so `up` right after can create it again', async () => {
      await destroy(session().ctx, { progress() {}, deleted() {} }, TABLE_AND_SEED);
      expect(await status(session().ctx.names.table)).toBe('gone');
      await up(session(), undefined, TABLE_AND_SEED);
      expect(await status(session().ctx.names.table)).toBe('ACTIVE');
    });
  });
});
