import { defineAction, isObject, objects, tableArn, unique } from '../action.js';
import { dynaliteAction, runAction, validateInput, type AttributeMap, type ConsumedCapacity, type Input } from '../dynalite.js';
import { transactionCapacity } from '../transactions/capacity.js';
import { lockAll } from '../transactions/locks.js';
import { TRANSACT_GET_VALIDATION } from '../transactions/shapes.js';
import { transactionView } from '../transactions/staging.js';
import { resolveTargets } from '../transactions/targets.js';

const getItem = dynaliteAction('GetItem');

/**
 * TransactGetItems: up to 100 Gets read as one consistent snapshot, under the same item locks
 * writers and TransactWriteItems take, so no write lands between two of its reads.
 */
export const transactGetItems = defineAction(
  {
    name: 'TransactGetItems',
    action: 'dynamodb:TransactGetItems',
    /** Each item's GetItem on its table. */
    permissions: (req, _stores, ctx) =>
      unique(
        objects(req.TransactItems).map((item) => ({
          action: 'dynamodb:GetItem',
          resource: tableArn(ctx.region, isObject(item.Get) ? item.Get.TableName : undefined),
        })),
      ),
  },
  async (input, store) => {
    const request = validateInput(input, TRANSACT_GET_VALIDATION, store.dynalite);
    const gets = (request.TransactItems as Input[]).map((item) => {
      const get = item.Get as Input;
      if (request.ReturnConsumedCapacity) get.ReturnConsumedCapacity = request.ReturnConsumedCapacity;
      return { input: get, keyMember: 'Key' as const };
    });
    const { targets, tables } = await resolveTargets(store, gets);
    const view = transactionView(store.dynalite, tables).store;
    const release = await lockAll(targets);
    let results: { Item?: AttributeMap; ConsumedCapacity?: ConsumedCapacity }[];
    try {
      results = await Promise.all(targets.map((t) => runAction<(typeof results)[number]>(getItem, view, { ...t.input, ConsistentRead: true })));
    } finally {
      release();
    }
    const capacity = transactionCapacity(
      results.map((r) => r.ConsumedCapacity),
      request.ReturnConsumedCapacity,
      'ReadCapacityUnits',
    );
    return {
      Responses: results.map((r) => (r.Item ? { Item: r.Item } : {})),
      ...(capacity ? { ConsumedCapacity: capacity } : {}),
    };
  },
);
