import { AwsError } from '../../core/errors.js';
import {
  dynaliteAction,
  dynaliteValidation,
  runAction,
  validateInput,
  type AttributeMap,
  type DynaliteOperation,
  type DynaliteStore,
  type OperationValidation,
} from './dynalite.js';
import type { Handler } from './store.js';
import type { Admission } from './throughput/admission.js';

/**
 * An operation dynalite implements, run as its HTTP handler would: validated (expressions parsed),
 * then optionally admitted by the throughput model, then performed on the shared store.
 */
export function dynaliteOperation(operation: DynaliteOperation, admit?: Admission): Handler {
  const action = dynaliteAction(operation);
  const validation = dynaliteValidation(operation);
  return async (input, store) => {
    const request = validateInput(input, validation, store.dynalite);
    await admit?.(request, store);
    return runAction(action, store.dynalite, request);
  };
}

const RETURN_ON_FAILURE = { ReturnValuesOnConditionCheckFailure: { type: 'String', enum: ['ALL_OLD', 'NONE'] } };

/** The store as one item write sees it, remembering the item the write read under its lock. */
function rememberingRead(real: DynaliteStore) {
  let read: AttributeMap | undefined;
  const store: DynaliteStore = {
    ...real,
    getItemDb(table) {
      const itemDb = real.getItemDb(table);
      return Object.assign(Object.create(itemDb) as typeof itemDb, {
        get: (key: string, cb: Parameters<typeof itemDb.get>[1]) =>
          itemDb.get(key, (err, item) => {
            read = item;
            cb(err, item);
          }),
      });
    },
  };
  return { store, read: () => read };
}

/**
 * PutItem, UpdateItem, DeleteItem: dynalite's, plus what AWS does and dynalite does not: with
 * ReturnValuesOnConditionCheckFailure ALL_OLD, a failed condition's error carries the item as the write
 * found it (read under the write's own item lock).
 */
export function itemWrite(operation: 'PutItem' | 'UpdateItem' | 'DeleteItem', admit: Admission): Handler {
  const action = dynaliteAction(operation);
  const own = dynaliteValidation(operation);
  const validation: OperationValidation = { ...own, types: { ...own.types, ...RETURN_ON_FAILURE } };
  return async (input, store) => {
    const request = validateInput(input, validation, store.dynalite);
    await admit(request, store);
    const view = rememberingRead(store.dynalite);
    try {
      return await runAction(action, view.store, request);
    } catch (err) {
      const item = view.read();
      if (!(err instanceof AwsError) || err.code !== 'ConditionalCheckFailedException' || request.ReturnValuesOnConditionCheckFailure !== 'ALL_OLD' || !item)
        throw err;
      throw new AwsError(err.code, err.message, err.status, err.senderFault, { Item: item });
    }
  };
}
