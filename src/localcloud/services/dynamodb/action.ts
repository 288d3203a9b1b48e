import { arn } from '../../core/arn.js';
import { asDecoded, type Operation, type Permission } from '../../core/operation.js';
import type { PerRegion } from '../../core/regions.js';
import type { CallContext } from '../../core/types.js';
import type { Input } from './dynalite.js';
import type { DynamoStore, Handler } from './store.js';

/**
 * One DynamoDB operation (core/operation.ts): the JSON request in (table names resolved from ARNs), the JSON
 * response out. Its permissions are read from the raw request, before validation, as AWS checks them; the
 * handler (dynalite's validation first, passThrough.ts) runs on the store of the call's region.
 */
export type DynamoOperation = Operation<Input, Input, PerRegion<DynamoStore>, CallContext, Promise<unknown>>;

type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const objects = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);
export const tableArn = (region: string, name: unknown) => arn('dynamodb', region, `table/${typeof name === 'string' ? name : '*'}`);

/** The operation on the table the call names (`table/*` when it names none). */
export const tableResource = (req: Input, _stores: unknown, ctx: CallContext) => tableArn(ctx.region, req.TableName);
/** Query and Scan: the index when the call names one, else the table. */
export const indexResource = (req: Input, _stores: unknown, ctx: CallContext) =>
  typeof req.IndexName === 'string' ? `${tableArn(ctx.region, req.TableName)}/index/${req.IndexName}` : tableArn(ctx.region, req.TableName);
/** Tagging: the ARN the call names. */
export const taggedResource = (req: Input) => (typeof req.ResourceArn === 'string' ? req.ResourceArn : '*');
/** BatchGetItem, BatchWriteItem: every table they name. */
export const batchTables = (req: Input, _stores: unknown, ctx: CallContext) =>
  Object.keys(isObject(req.RequestItems) ? req.RequestItems : {}).map((table) => tableArn(ctx.region, table));

/** Each permission once (a transaction's items may repeat one). */
export function unique(permissions: Permission[]): Permission[] {
  const seen = new Map(permissions.map((p) => [`${p.action} ${p.resource}`, p]));
  return [...seen.values()];
}

/** The name, IAM action and resource (or permissions) of a DynamoDB operation, then its handler. */
export const defineAction = (head: Pick<DynamoOperation, 'name' | 'action' | 'resource' | 'permissions'>, handler: Handler): DynamoOperation => ({
  ...head,
  parse: asDecoded,
  async run(input, stores, ctx) {
    const store = stores.of(ctx.region);
    await store.ready;
    return handler(input, store, ctx);
  },
});
