import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetItemCommand, UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { startTestCloud, type TestCloud } from '../../../../test/helpers/cloud.js';
import { createTable } from './testTables.js';

// The cache is only seen through its answers: each request must get what an uncached parse would give it.
describe('dynamodb expression cache', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud();
    await createTable(t.clients.dynamodb, 'cache');
  });
  afterAll(() => t.stop());

  const update = (id: string, expression: string, values: Record<string, AttributeValue>, condition?: string) =>
    t.clients.dynamodb.send(
      new UpdateItemCommand({
        TableName: 'cache',
        Key: { id: { S: id } },
        UpdateExpression: expression,
        ConditionExpression: condition,
        ExpressionAttributeValues: values,
      }),
    );
  const item = async (id: string) =>
    (await t.clients.dynamodb.send(new GetItemCommand({ TableName: 'cache', Key: { id: { S: id } }, ConsistentRead: true }))).Item;

  it('fills a cached expression with each request its own values', async () => {
    for (let i = 0; i < 5; i++) await update(`stamp-${i}`, 'SET updatedAt = :now, n = :n', { ':now': { S: `t${i}` }, ':n': { N: String(i) } });
    for (let i = 0; i < 5; i++) expect(await item(`stamp-${i}`)).toMatchObject({ updatedAt: { S: `t${i}` }, n: { N: String(i) } });
  });

  it('still checks the types of values that change type under the same expression', async () => {
    for (let i = 0; i < 3; i++) await update('typed', 'ADD tally :by', { ':by': { N: '1' } });
    await expect(update('typed', 'ADD tally :by', { ':by': { S: 'one' } })).rejects.toThrow(
      /Incorrect operand type for operator or function; operator: ADD, operand type: STRING/,
    );
    expect((await item('typed'))?.tally).toEqual({ N: '3' });
  });

  it('checks the bounds of BETWEEN, which their types alone do not decide, in each request', async () => {
    await update('between', 'SET n = :n', { ':n': { N: '3' } });
    const between = (lo: string, hi: string) => update('between', 'SET seen = :lo', { ':lo': { N: lo }, ':hi': { N: hi } }, 'n BETWEEN :lo AND :hi');
    for (let i = 0; i < 3; i++) await between('1', '5');
    await expect(between('9', '1')).rejects.toThrow(
      /BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: \{N:9\}/,
    );
    await expect(between('8', '3')).rejects.toThrow(/lower bound operand: AttributeValue: \{N:8\}/);
    await between('2', '4');
    expect((await item('between'))?.seen).toEqual({ N: '2' });
  });

  it('reads the content of attribute_type values, which a type alone does not decide', async () => {
    await update('kind', 'SET v = :v', { ':v': { S: 'x' } });
    for (let i = 0; i < 3; i++) await update('kind', 'SET seen = :n', { ':n': { N: String(i) }, ':t': { S: 'S' } }, 'attribute_type(v, :t)');
    await expect(update('kind', 'SET seen = :n', { ':n': { N: '9' }, ':t': { S: 'NOPE' } }, 'attribute_type(v, :t)')).rejects.toThrow(
      /Invalid attribute type name found; type: NOPE/,
    );
  });
});
