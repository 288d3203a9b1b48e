import { arn } from '../../core/arn.js';
import { kindsOf, WRITE_KINDS } from './transactions/shapes.js';

/** One IAM check: may the caller do `action` on `resource`? */
export interface Permission {
  action: string;
  resource: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const objects = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);
const tableArn = (region: string, name: unknown) => arn('dynamodb', region, `table/${typeof name === 'string' ? name : '*'}`);

function unique(permissions: Permission[]): Permission[] {
  const seen = new Map(permissions.map((p) => [`${p.action} ${p.resource}`, p]));
  return [...seen.values()];
}

/**
 * The IAM checks AWS makes for a DynamoDB call (read from the raw request, before validation): the
 * operation on its table (or index); BatchGetItem / BatchWriteItem on every table they name; a
 * transaction's per-item actions (dynamodb:PutItem for a Put, ConditionCheckItem for a check,
 * GetItem for a TransactGet item) on each item's table.
 */
export function permissionsFor(operation: string, input: Json, region: string): Permission[] {
  const action = `dynamodb:${operation}`;
  switch (operation) {
    case 'ListTables':
      return [{ action, resource: '*' }];
    case 'TagResource':
    case 'UntagResource':
    case 'ListTagsOfResource':
      return [{ action, resource: typeof input.ResourceArn === 'string' ? input.ResourceArn : '*' }];
    case 'BatchGetItem':
    case 'BatchWriteItem':
      return Object.keys(isObject(input.RequestItems) ? input.RequestItems : {}).map((table) => ({ action, resource: tableArn(region, table) }));
    case 'TransactWriteItems':
      return unique(
        objects(input.TransactItems).flatMap((item) =>
          kindsOf(item).map((kind) => ({
            action: WRITE_KINDS[kind].iamAction,
            resource: tableArn(region, isObject(item[kind]) ? item[kind].TableName : undefined),
          })),
        ),
      );
    case 'TransactGetItems':
      return unique(
        objects(input.TransactItems).map((item) => ({
          action: 'dynamodb:GetItem',
          resource: tableArn(region, isObject(item.Get) ? item.Get.TableName : undefined),
        })),
      );
    case 'Query':
    case 'Scan':
      if (typeof input.IndexName === 'string') return [{ action, resource: `${tableArn(region, input.TableName)}/index/${input.IndexName}` }];
      return [{ action, resource: tableArn(region, input.TableName) }];
    default:
      return [{ action, resource: tableArn(region, input.TableName) }];
  }
}
