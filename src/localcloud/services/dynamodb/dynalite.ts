import { createRequire } from 'node:module';
import { ACCOUNT_ID } from '../../core/constants.js';
import { AwsError } from '../../core/errors.js';
import './expressionCache.js';
import './unpooledStorage.js';
import { cacheTableDescriptions } from './tableCache.js';

/**
 * dynalite's storage, validations and per-operation functions, loaded directly (not its HTTP
 * server) so that this plugin can run them itself and build what dynalite lacks (transactions,
 * throughput limits) on the same store, item locks and expression parsers.
 * Typed only as far as this plugin uses them.
 */
const require = createRequire(import.meta.url);

export type AttributeValue = Record<string, unknown>;
export type AttributeMap = Record<string, AttributeValue>;
/** A request or item-level input after dynalite's validation (expressions parsed into `_condition`...). */
export type Input = Record<string, unknown>;

export interface TableDescription {
  TableName: string;
  TableArn: string;
  KeySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
  BillingModeSummary?: { BillingMode?: string };
}

/** An error dynalite hands to callbacks: the wire body it would send, and the HTTP status. */
interface DynaliteError extends Error {
  statusCode?: number;
  body?: { __type?: string; message?: string; Message?: string };
}

export type Callback<T = unknown> = (err?: DynaliteError | null, result?: T) => void;
/** What dynalite's item lock passes to the locker: `release(cb)` wraps `cb` so calling it unlocks first. */
export type Releaser = (done?: Callback) => Callback;

export interface ItemDb {
  lock(key: string, exec: (release: Releaser) => void): void;
  get(key: string, cb: Callback<AttributeMap | undefined>): void;
  put(key: string, value: AttributeMap, cb: Callback): void;
  del(key: string, cb: Callback): void;
}

export interface LevelBatchOp {
  type: 'put' | 'del';
  key: string;
  /** An item, or (under `table~`) a table's description. */
  value?: Record<string, unknown>;
}

/** The object dynalite's operation functions take as their first argument. */
export interface DynaliteStore {
  options: { maxItemSize: number };
  /** The one LevelDB (memory-level, or classic-level on disk) behind every table; batches apply atomically. */
  db: {
    open(): Promise<void>;
    iterator(range: { gte: string; lt: string }): AsyncIterable<[string, Record<string, unknown>]>;
    batch(ops: LevelBatchOp[]): Promise<void>;
    getSync(key: string): AttributeMap | undefined;
    close(cb: Callback<void>): void;
  };
  /** Where tables are described; its region and account go into the ARNs dynalite writes. */
  tableDb: { awsRegion: string; awsAccountId: string };
  getTable(name: string, cb: Callback<TableDescription>): void;
  getItemDb(table: string): ItemDb;
  getIndexDb(indexType: string, table: string, index: string): Pick<ItemDb, 'put' | 'del'>;
}

export type DynaliteAction = (store: DynaliteStore, input: Input, cb: Callback) => void;

/** dynalite's declarative request shapes: member name -> type and constraints. */
export type TypeSpec = Record<string, unknown>;
export interface OperationValidation {
  types: TypeSpec;
  custom?: (input: Input, store: DynaliteStore) => string | undefined;
}

interface DynaliteDb {
  create(options: Record<string, unknown>): DynaliteStore;
  createKey(item: AttributeMap, table: TableDescription): string;
  /** null when the key (or the item's key attributes) matches the table's key schema. */
  validateKey(key: AttributeMap, table: TableDescription): DynaliteError | null | undefined;
  validateItem(item: AttributeMap, table: TableDescription): DynaliteError | null | undefined;
  /** null when `input`'s condition (ConditionExpression or Expected) holds for `item`. */
  checkConditional(input: Input, item: AttributeMap | undefined): DynaliteError | null | undefined;
  addConsumedCapacity(input: Input, isRead: boolean, newItem?: AttributeMap, oldItem?: AttributeMap): ConsumedCapacity | undefined;
}

interface DynaliteValidations {
  checkTypes(input: unknown, types: TypeSpec): Input;
  checkValidations(input: Input, types: TypeSpec, custom: OperationValidation['custom'], store: DynaliteStore): void;
}

export interface ConsumedCapacity {
  CapacityUnits: number;
  TableName: string;
  Table?: { CapacityUnits: number };
}

export const dynaliteDb = require('dynalite/db/index.js') as DynaliteDb;
const validations = require('dynalite/validations/index.js') as DynaliteValidations;

/** The operations dynalite implements, by their wire names. */
export const DYNALITE_OPERATIONS = [
  'BatchGetItem',
  'BatchWriteItem',
  'CreateTable',
  'DeleteItem',
  'DeleteTable',
  'DescribeTable',
  'DescribeTimeToLive',
  'GetItem',
  'ListTables',
  'ListTagsOfResource',
  'PutItem',
  'Query',
  'Scan',
  'TagResource',
  'UntagResource',
  'UpdateItem',
  'UpdateTable',
] as const;
export type DynaliteOperation = (typeof DYNALITE_OPERATIONS)[number];

const lowerFirst = (s: string) => s[0].toLowerCase() + s.slice(1);

export function dynaliteAction(operation: DynaliteOperation): DynaliteAction {
  return require(`dynalite/actions/${lowerFirst(operation)}.js`) as DynaliteAction;
}

export function dynaliteValidation(operation: DynaliteOperation): OperationValidation {
  return require(`dynalite/validations/${lowerFirst(operation)}.js`) as OperationValidation;
}

/** A store of one region: dynalite would take the region and account for its ARNs from the process environment. */
export function createDynaliteStore(
  region: string,
  options: { path?: string; createTableMs: number; deleteTableMs: number; updateTableMs: number },
): DynaliteStore {
  const store = dynaliteDb.create({ ...options });
  cacheTableDescriptions(store.db as unknown as Parameters<typeof cacheTableDescriptions>[0]);
  store.tableDb.awsRegion = region;
  store.tableDb.awsAccountId = ACCOUNT_ID;
  return store;
}

/** Checks and normalizes a request as dynalite's HTTP handler does; throws the AwsError AWS would answer. */
export function validateInput(input: unknown, validation: OperationValidation, store: DynaliteStore): Input {
  try {
    const checked = validations.checkTypes(input, validation.types);
    validations.checkValidations(checked, validation.types, validation.custom, store);
    return checked;
  } catch (err) {
    throw fromDynaliteError(err);
  }
}

/** Promisifies one of dynalite's callback-style calls; its errors come back as AwsErrors. */
export function call<T>(fn: (cb: Callback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((err, result) => (err ? reject(fromDynaliteError(err)) : resolve(result as T))));
}

/** Runs one of dynalite's operation functions. */
export const runAction = <T = Record<string, unknown>>(action: DynaliteAction, store: DynaliteStore, input: Input): Promise<T> =>
  call<T>((cb) => action(store, input, cb as Callback));

/** dynalite's `{ statusCode, body: { __type, message } }` errors as AwsErrors; anything else is returned as is. */
export function fromDynaliteError(err: unknown): unknown {
  const e = err as DynaliteError;
  if (typeof e?.statusCode !== 'number' || !e.body) return err;
  const code = (e.body.__type ?? '').split('#').pop() || 'InternalFailure';
  return new AwsError(code, e.body.message ?? e.body.Message ?? '', e.statusCode);
}

export const validationError = (message: string) => new AwsError('ValidationException', message, 400);
