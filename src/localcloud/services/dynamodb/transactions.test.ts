import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GetItemCommand,
  IdempotentParameterMismatchException,
  PutItemCommand,
  ResourceNotFoundException,
  ScanCommand,
  TransactGetItemsCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { startTestCloud, type TestCloud } from '../../../../test/helpers/cloud.js';
import { createTable } from './testTables.js';
import { IdempotencyTokens, TOKEN_WINDOW_MS } from './transactions/idempotency.js';

const n = (value: number) => ({ N: String(value) });
const s = (value: string) => ({ S: value });

/** The booking consumer's transaction: record the booking once, take a seat if one is left, count it. */
const bookSeat = (table: string, booking: string, shard: number): TransactWriteItem[] => [
  { Put: { TableName: table, Item: { id: s(`booking#${booking}`) }, ConditionExpression: 'attribute_not_exists(id)' } },
  {
    Update: {
      TableName: table,
      Key: { id: s('trip') },
      UpdateExpression: 'SET seatsLeft = seatsLeft - :one',
      ConditionExpression: 'seatsLeft >= :one',
      ExpressionAttributeValues: { ':one': n(1) },
    },
  },
  {
    Update: {
      TableName: table,
      Key: { id: s(`counter#${shard}`) },
      UpdateExpression: 'ADD confirmed :one',
      ExpressionAttributeValues: { ':one': n(1) },
    },
  },
];

/** The error a promise rejects with (fails the test when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    return err as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail');
}

describe('dynamodb transactions (TransactWriteItems / TransactGetItems on dynalite)', () => {
  let t: TestCloud;
  const get = async (table: string, id: string) => (await t.clients.dynamodb.send(new GetItemCommand({ TableName: table, Key: { id: s(id) } }))).Item;
  const put = (table: string, item: Record<string, { S: string } | { N: string }>) =>
    t.clients.dynamodb.send(new PutItemCommand({ TableName: table, Item: item }));
  const transact = (items: TransactWriteItem[], token?: string) =>
    t.clients.dynamodb.send(new TransactWriteItemsCommand({ TransactItems: items, ClientRequestToken: token }));

  beforeAll(async () => {
    t = await startTestCloud();
    for (const table of ['trips', 'rush', 'accounts', 'tokens']) await createTable(t.clients.dynamodb, table);
  });
  afterAll(() => t.stop());

  it('applies every item of a transaction', async () => {
    await put('trips', { id: s('trip'), seatsLeft: n(2) });
    await transact(bookSeat('trips', 'b1', 0));
    expect(await get('trips', 'booking#b1')).toEqual({ id: s('booking#b1') });
    expect((await get('trips', 'trip'))?.seatsLeft).toEqual(n(1));
    expect((await get('trips', 'counter#0'))?.confirmed).toEqual(n(1));
  });

  it('writes nothing when one condition fails, and says which item failed', async () => {
    await put('trips', { id: s('trip'), seatsLeft: n(0) });
    const err = await rejection(transact(bookSeat('trips', 'b2', 0)));
    expect(err).toBeInstanceOf(TransactionCanceledException);
    expect(err.message).toBe('Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, None]');
    expect((err as unknown as TransactionCanceledException).CancellationReasons).toEqual([
      { Code: 'None' },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
      { Code: 'None' },
    ]);
    expect(await get('trips', 'booking#b2')).toBeUndefined();
    expect((await get('trips', 'counter#0'))?.confirmed).toEqual(n(1));
  });

  it('returns the current item of a failed condition on ReturnValuesOnConditionCheckFailure ALL_OLD', async () => {
    await put('trips', { id: s('trip'), seatsLeft: n(0) });
    const err = (await rejection(
      transact([
        {
          ConditionCheck: {
            TableName: 'trips',
            Key: { id: s('trip') },
            ConditionExpression: 'seatsLeft > :zero',
            ExpressionAttributeValues: { ':zero': n(0) },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        {
          Put: {
            TableName: 'trips',
            Item: { id: s('booking#b1') },
            ConditionExpression: 'attribute_not_exists(id)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        {
          Delete: {
            TableName: 'trips',
            Key: { id: s('nothing-here') },
            ConditionExpression: 'attribute_exists(id)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
      ]),
    )) as unknown as TransactionCanceledException;
    expect(err.CancellationReasons).toEqual([
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: { id: s('trip'), seatsLeft: n(0) } },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: { id: s('booking#b1') } },
      // No item to return: it does not exist.
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
    ]);
  });

  it('cancels on an error an item only shows when applied, writing nothing', async () => {
    await put('trips', { id: s('label'), text: s('not a number') });
    const err = (await rejection(
      transact([
        { Put: { TableName: 'trips', Item: { id: s('side-effect') } } },
        {
          Update: {
            TableName: 'trips',
            Key: { id: s('label') },
            UpdateExpression: 'SET #t = #t + :one',
            ExpressionAttributeNames: { '#t': 'text' },
            ExpressionAttributeValues: { ':one': n(1) },
          },
        },
      ]),
    )) as unknown as TransactionCanceledException;
    expect(err.CancellationReasons).toEqual([
      { Code: 'None' },
      { Code: 'ValidationError', Message: 'An operand in the update expression has an incorrect data type' },
    ]);
    expect(await get('trips', 'side-effect')).toBeUndefined();
  });

  it('validates the request as a whole before touching anything', async () => {
    const one = { Put: { TableName: 'trips', Item: { id: s('validated') } } };
    const twice = await rejection(transact([one, { Delete: { TableName: 'trips', Key: { id: s('validated') } } }]));
    expect(twice).toMatchObject({ name: 'ValidationException', message: 'Transaction request cannot include multiple operations on one item' });

    const tooMany = await rejection(transact(Array.from({ length: 101 }, (_, i) => ({ Put: { TableName: 'trips', Item: { id: s(`many-${i}`) } } }))));
    expect(tooMany.name).toBe('ValidationException');
    expect(tooMany.message).toMatch(/at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100$/);

    const both = await rejection(transact([{ ...one, Delete: { TableName: 'trips', Key: { id: s('other') } } }]));
    expect(both.message).toBe('TransactItems can only contain one of Check, Put, Update or Delete');

    const noUpdate = await rejection(transact([{ Update: { TableName: 'trips', Key: { id: s('x') } } as never }]));
    expect(noUpdate.message).toBe(
      "1 validation error detected: Value null at 'transactItems.1.member.update.updateExpression' failed to satisfy constraint: Member must not be null",
    );

    const badKey = await rejection(transact([one, { Delete: { TableName: 'trips', Key: { nope: s('x') } } }]));
    expect(badKey.message).toBe('The provided key element does not match the schema');

    const badExpression = await rejection(transact([one, { Update: { TableName: 'trips', Key: { id: s('x') }, UpdateExpression: 'SET a = :missing' } }]));
    expect(badExpression.message).toMatch(/^Invalid UpdateExpression: An expression attribute value used in expression is not defined/);

    await expect(transact([one, { Put: { TableName: 'no-such-table', Item: { id: s('x') } } }])).rejects.toBeInstanceOf(ResourceNotFoundException);
    expect(await get('trips', 'validated')).toBeUndefined();
  });

  it('answers a retried ClientRequestToken without writing again', async () => {
    await put('tokens', { id: s('trip'), seatsLeft: n(10) });
    await transact(bookSeat('tokens', 'once', 0), 'token-1');
    await transact(bookSeat('tokens', 'once', 0), 'token-1');
    expect((await get('tokens', 'trip'))?.seatsLeft).toEqual(n(9));
    expect((await get('tokens', 'counter#0'))?.confirmed).toEqual(n(1));
    // The same token with another request is a client bug, refused.
    await expect(transact(bookSeat('tokens', 'other', 0), 'token-1')).rejects.toBeInstanceOf(IdempotentParameterMismatchException);
    // A cancelled transaction does not use its token up: the retry runs.
    await put('tokens', { id: s('trip'), seatsLeft: n(0) });
    await expect(transact(bookSeat('tokens', 'later', 1), 'token-2')).rejects.toBeInstanceOf(TransactionCanceledException);
    await put('tokens', { id: s('trip'), seatsLeft: n(1) });
    await transact(bookSeat('tokens', 'later', 1), 'token-2');
    expect((await get('tokens', 'counter#1'))?.confirmed).toEqual(n(1));
  });

  it('sells exactly the seats there are when 200 transactions race for 50', async () => {
    await put('rush', { id: s('trip'), seatsLeft: n(50) });
    const results = await Promise.allSettled(Array.from({ length: 200 }, (_, i) => transact(bookSeat('rush', `r${i}`, i % 4))));
    const sold = results.filter((r) => r.status === 'fulfilled');
    expect(sold).toHaveLength(50);
    for (const r of results) {
      if (r.status === 'rejected') {
        expect(r.reason).toBeInstanceOf(TransactionCanceledException);
        expect((r.reason as TransactionCanceledException).CancellationReasons?.map((c) => c.Code)).toEqual(['None', 'ConditionalCheckFailed', 'None']);
      }
    }
    expect((await get('rush', 'trip'))?.seatsLeft).toEqual(n(0));
    const counted = await Promise.all([0, 1, 2, 3].map(async (shard) => Number((await get('rush', `counter#${shard}`))?.confirmed?.N ?? 0)));
    expect(counted.reduce((a, b) => a + b, 0)).toBe(50);
    const bookings = await t.clients.dynamodb.send(
      new ScanCommand({ TableName: 'rush', FilterExpression: 'begins_with(id, :b)', ExpressionAttributeValues: { ':b': s('booking#') }, Select: 'COUNT' }),
    );
    expect(bookings.Count).toBe(50);
  });

  it('loses no update when plain writes and transactions hit the same item', async () => {
    await put('rush', { id: s('tally'), n: n(0) });
    const add = { TableName: 'rush', Key: { id: s('tally') }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': n(1) } };
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        i % 2
          ? t.clients.dynamodb.send(new UpdateItemCommand(add))
          : transact([{ Update: add }, { Put: { TableName: 'rush', Item: { id: s(`mixed-${i}`) } } }]),
      ),
    );
    expect((await get('rush', 'tally'))?.n).toEqual(n(200));
  });

  it('reads items in request order with TransactGetItems', async () => {
    await put('accounts', { id: s('alice'), balance: n(5), note: s('hi') });
    const read = await t.clients.dynamodb.send(
      new TransactGetItemsCommand({
        TransactItems: [
          { Get: { TableName: 'accounts', Key: { id: s('nobody') } } },
          { Get: { TableName: 'accounts', Key: { id: s('alice') }, ProjectionExpression: '#b', ExpressionAttributeNames: { '#b': 'balance' } } },
        ],
      }),
    );
    expect(read.Responses).toEqual([{}, { Item: { balance: n(5) } }]);
  });

  it('sees a consistent snapshot in TransactGetItems while transactions move money', async () => {
    await put('accounts', { id: s('a'), balance: n(1000) });
    await put('accounts', { id: s('b'), balance: n(0) });
    const move = (from: string, to: string): TransactWriteItem[] => [
      { Update: { TableName: 'accounts', Key: { id: s(from) }, UpdateExpression: 'ADD balance :minus', ExpressionAttributeValues: { ':minus': n(-1) } } },
      { Update: { TableName: 'accounts', Key: { id: s(to) }, UpdateExpression: 'ADD balance :plus', ExpressionAttributeValues: { ':plus': n(1) } } },
    ];
    const readBoth = async () => {
      const read = await t.clients.dynamodb.send(
        new TransactGetItemsCommand({ TransactItems: ['a', 'b'].map((id) => ({ Get: { TableName: 'accounts', Key: { id: s(id) } } })) }),
      );
      return read.Responses!.reduce((sum, r) => sum + Number(r.Item?.balance?.N), 0);
    };
    const [, totals] = await Promise.all([
      Promise.all(Array.from({ length: 100 }, (_, i) => transact(i % 2 ? move('a', 'b') : move('b', 'a')))),
      Promise.all(Array.from({ length: 100 }, readBoth)),
    ]);
    expect(new Set(totals)).toEqual(new Set([1000]));
  });
});

describe('IdempotencyTokens (ClientRequestToken window)', () => {
  it('replays a success for 10 minutes after it completed, then treats the token as new', () => {
    let now = 0;
    const tokens = new IdempotencyTokens(() => now);
    expect(tokens.claim('t', 'request-1')).toBeUndefined();
    expect(() => tokens.claim('t', 'request-1')).toThrow(expect.objectContaining({ code: 'TransactionInProgressException' }));
    tokens.succeeded('t', { done: true });
    now += TOKEN_WINDOW_MS - 1;
    expect(tokens.claim('t', 'request-1')).toEqual({ response: { done: true } });
    expect(() => tokens.claim('t', 'request-2')).toThrow(expect.objectContaining({ code: 'IdempotentParameterMismatchException' }));
    now += 1;
    expect(tokens.claim('t', 'request-2')).toBeUndefined();
  });

  it('forgets a token whose request failed', () => {
    const tokens = new IdempotencyTokens(() => 0);
    expect(tokens.claim('t', 'request-1')).toBeUndefined();
    tokens.failed('t');
    expect(tokens.claim('t', 'request-2')).toBeUndefined();
  });
});
