import { defineAction, isObject, objects, tableArn, unique } from '../action.js';
import { AwsError } from '../../../core/errors.js';
import {
  call,
  dynaliteDb,
  fromDynaliteError,
  runAction,
  validateInput,
  type AttributeMap,
  type ConsumedCapacity,
  type DynaliteStore,
  type Input,
} from '../dynalite.js';
import type { DynamoStore } from '../store.js';
import { NO_REASON, transactionCanceled, type CancellationReason } from '../transactions/cancellation.js';
import { transactionCapacity } from '../transactions/capacity.js';
import { fingerprint } from '../transactions/idempotency.js';
import { lockAll } from '../transactions/locks.js';
import { kindsOf, TRANSACT_WRITE_VALIDATION, WRITE_KINDS, type WriteKind } from '../transactions/shapes.js';
import { commitWrites, transactionView, type TransactionView } from '../transactions/staging.js';
import { resolveTargets, type ItemTarget } from '../transactions/targets.js';
import { partitionOf, throttledReason, TRANSACTIONAL_WRITE_UNITS } from '../throughput/hotKey.js';

interface WriteItem {
  kind: WriteKind;
  input: Input;
  keyMember: WriteKind['keyMember'];
}

/** What running one item against the current data showed: why it fails (None if it does not) and its capacity. */
interface StagedItem {
  reason: CancellationReason;
  capacity?: ConsumedCapacity;
}

/**
 * TransactWriteItems: up to 100 Put / Update / Delete / ConditionCheck items, all applied or none.
 * Under every item's lock, each item runs through dynalite's own operation against a staging view
 * (conditions, update expressions, index maintenance); only when all pass are the recorded writes
 * committed, in one batch. A ClientRequestToken makes a retry of a success answer again without writing.
 */
export const transactWriteItems = defineAction(
  {
    name: 'TransactWriteItems',
    action: 'dynamodb:TransactWriteItems',
    /** Each item's own action on its table: dynamodb:PutItem for a Put, ConditionCheckItem for a check... */
    permissions: (req, _stores, ctx) =>
      unique(
        objects(req.TransactItems).flatMap((item) =>
          kindsOf(item).map((kind) => ({
            action: WRITE_KINDS[kind].iamAction,
            resource: tableArn(ctx.region, isObject(item[kind]) ? item[kind].TableName : undefined),
          })),
        ),
      ),
  },
  async (input, store) => {
    // Fingerprinted as sent: validation rewrites the request (parsed expressions, dropped unknown members).
    const print = input.ClientRequestToken == null ? undefined : fingerprint(input);
    const request = validateInput(input, TRANSACT_WRITE_VALIDATION, store.dynalite);
    const token = request.ClientRequestToken as string | undefined;
    if (token === undefined || print === undefined) return execute(request, store);
    const replay = store.tokens.claim(token, print);
    if (replay) return replay.response;
    try {
      const response = await execute(request, store);
      store.tokens.succeeded(token, response);
      return response;
    } catch (err) {
      store.tokens.failed(token);
      throw err;
    }
  },
);

async function execute(request: Input, store: DynamoStore) {
  const items = (request.TransactItems as Input[]).map((item): WriteItem => {
    const [name] = kindsOf(item);
    const kind: WriteKind = WRITE_KINDS[name];
    const input = item[name] as Input;
    if (request.ReturnConsumedCapacity) input.ReturnConsumedCapacity = request.ReturnConsumedCapacity;
    return { kind, input, keyMember: kind.keyMember };
  });
  const { targets, tables } = await resolveTargets(store, items);
  admitWrites(store, targets);
  const release = await lockAll(targets);
  try {
    const view = transactionView(store.dynalite, tables);
    const staged = await Promise.all(targets.map((target, i) => stage(items[i].kind, target, view)));
    if (staged.some((s) => s.reason !== NO_REASON)) throw transactionCanceled(staged.map((s) => s.reason));
    await commitWrites(store.dynalite, view);
    const capacity = transactionCapacity(
      staged.map((s) => s.capacity),
      request.ReturnConsumedCapacity,
      'WriteCapacityUnits',
    );
    return capacity ? { ConsumedCapacity: capacity } : {};
  } finally {
    release();
  }
}

/** Charges every item to its partition (when the throughput model is on), or cancels the transaction. */
function admitWrites(store: DynamoStore, targets: readonly ItemTarget[]) {
  if (!store.limiter) return;
  const refused = store.limiter.take(targets.map((t) => ({ partition: partitionOf(t.table, t.keyOrItem)!, units: TRANSACTIONAL_WRITE_UNITS })));
  if (refused.length === 0) return;
  throw transactionCanceled(targets.map((t, i) => (refused.includes(i) ? throttledReason(t.table) : NO_REASON)));
}

/** Runs one item against the staging view: its writes are recorded, its failure becomes a reason. */
async function stage(kind: WriteKind, target: ItemTarget, view: TransactionView): Promise<StagedItem> {
  try {
    const result = kind.action
      ? await runAction<{ ConsumedCapacity?: ConsumedCapacity }>(kind.action, view.store, target.input)
      : await checkCondition(view.store, target);
    return { reason: NO_REASON, capacity: result.ConsumedCapacity };
  } catch (err) {
    const reason = cancellationReason(err, target.input, view.reads.get(target.lockOrder));
    if (!reason) throw err;
    return { reason };
  }
}

/** A ConditionCheck item: its condition against the item as it is, nothing written. */
async function checkCondition(view: DynaliteStore, target: ItemTarget) {
  const itemDb = view.getItemDb(target.table.TableName);
  const current = await call<AttributeMap | undefined>((cb) => itemDb.get(target.key, cb));
  const failed = dynaliteDb.checkConditional(target.input, current);
  if (failed) throw fromDynaliteError(failed);
  return { ConsumedCapacity: dynaliteDb.addConsumedCapacity(target.input, false, current) };
}

/** The CancellationReason for an item's error; undefined for errors that are not the item's fault. */
function cancellationReason(err: unknown, input: Input, current: AttributeMap | undefined): CancellationReason | undefined {
  if (!(err instanceof AwsError)) return undefined;
  if (err.code === 'ConditionalCheckFailedException') {
    const withItem = input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' && current !== undefined;
    return { Code: 'ConditionalCheckFailed', Message: err.message, ...(withItem ? { Item: current } : {}) };
  }
  if (err.code === 'ValidationException') return { Code: 'ValidationError', Message: err.message };
  return undefined;
}
