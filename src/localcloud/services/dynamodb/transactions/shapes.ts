import { dynaliteAction, dynaliteValidation, type DynaliteAction, type Input, type OperationValidation, type TypeSpec } from '../dynalite.js';

/** TransactWriteItems and TransactGetItems take 1 to 100 items. */
export const MAX_TRANSACT_ITEMS = 100;
/** ClientRequestToken length limits. */
const MAX_TOKEN_LENGTH = 36;

const put = dynaliteValidation('PutItem');
const update = dynaliteValidation('UpdateItem');
const del = dynaliteValidation('DeleteItem');
const get = dynaliteValidation('GetItem');

const pick = (types: TypeSpec, names: readonly string[]): TypeSpec => Object.fromEntries(names.map((n) => [n, types[n]]));
const CONDITION_MEMBERS = ['TableName', 'ConditionExpression', 'ExpressionAttributeNames', 'ExpressionAttributeValues'];
const returnOnFailure = { ReturnValuesOnConditionCheckFailure: { type: 'String', enum: ['ALL_OLD', 'NONE'] } };
const requiredString = { type: 'String', notNull: true };

/** One kind of TransactWriteItems item: its members, dynalite's checks and the write it stands for. */
export interface WriteKind {
  types: TypeSpec;
  custom?: OperationValidation['custom'];
  /** The IAM action AWS requires for this kind of item. */
  iamAction: string;
  /** Which member names the item: a Put's Item, everyone else's Key. */
  keyMember: 'Item' | 'Key';
  /** dynalite's operation that performs it; a ConditionCheck only evaluates its condition. */
  action?: DynaliteAction;
}

/**
 * The members of each kind, as in the AWS model (Put, Update, Delete, ConditionCheck), checked with
 * dynalite's own validations of PutItem, UpdateItem and DeleteItem so expressions parse the same way.
 */
export const WRITE_KINDS = {
  ConditionCheck: {
    types: { ...pick(del.types, ['Key', ...CONDITION_MEMBERS]), ConditionExpression: requiredString, ...returnOnFailure },
    custom: del.custom,
    iamAction: 'dynamodb:ConditionCheckItem',
    keyMember: 'Key',
  },
  Put: {
    types: { ...pick(put.types, ['Item', ...CONDITION_MEMBERS]), ...returnOnFailure },
    custom: put.custom,
    iamAction: 'dynamodb:PutItem',
    keyMember: 'Item',
    action: dynaliteAction('PutItem'),
  },
  Delete: {
    types: { ...pick(del.types, ['Key', ...CONDITION_MEMBERS]), ...returnOnFailure },
    custom: del.custom,
    iamAction: 'dynamodb:DeleteItem',
    keyMember: 'Key',
    action: dynaliteAction('DeleteItem'),
  },
  Update: {
    types: { ...pick(update.types, ['Key', ...CONDITION_MEMBERS]), UpdateExpression: requiredString, ...returnOnFailure },
    custom: update.custom,
    iamAction: 'dynamodb:UpdateItem',
    keyMember: 'Key',
    action: dynaliteAction('UpdateItem'),
  },
} satisfies Record<string, WriteKind>;

export type WriteKindName = keyof typeof WRITE_KINDS;
const WRITE_KIND_NAMES = Object.keys(WRITE_KINDS) as WriteKindName[];

/** The kinds an item of a TransactWriteItems request names (exactly one when valid). */
export const kindsOf = (item: Record<string, unknown>): WriteKindName[] => WRITE_KIND_NAMES.filter((k) => item[k] != null);

const transactItems = (itemShape: string, members: TypeSpec) => ({
  type: 'List',
  notNull: true,
  lengthGreaterThanOrEqual: 1,
  lengthLessThanOrEqual: MAX_TRANSACT_ITEMS,
  children: { type: `ValueStruct<${itemShape}>`, children: members },
});

/** Runs dynalite's per-operation checks (expression parsing included) on each item of a request. */
function checkEachItem(items: Input[], check: (item: Input) => string | undefined): string | undefined {
  for (const item of items) {
    const message = check(item);
    if (message) return message;
  }
  return undefined;
}

export const TRANSACT_WRITE_VALIDATION: OperationValidation = {
  types: {
    TransactItems: transactItems(
      'TransactWriteItem',
      Object.fromEntries(WRITE_KIND_NAMES.map((k) => [k, { type: `FieldStruct<${k}>`, children: WRITE_KINDS[k].types }])),
    ),
    ReturnConsumedCapacity: put.types.ReturnConsumedCapacity,
    ReturnItemCollectionMetrics: put.types.ReturnItemCollectionMetrics,
    ClientRequestToken: { type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: MAX_TOKEN_LENGTH },
  },
  custom: (request, store) =>
    checkEachItem(request.TransactItems as Input[], (item) => {
      const kinds = kindsOf(item);
      if (kinds.length !== 1) return 'TransactItems can only contain one of Check, Put, Update or Delete';
      return WRITE_KINDS[kinds[0]].custom?.(item[kinds[0]] as Input, store);
    }),
};

export const TRANSACT_GET_VALIDATION: OperationValidation = {
  types: {
    TransactItems: transactItems('TransactGetItem', {
      Get: {
        type: 'FieldStruct<Get>',
        notNull: true,
        children: pick(get.types, ['TableName', 'Key', 'ProjectionExpression', 'ExpressionAttributeNames']),
      },
    }),
    ReturnConsumedCapacity: get.types.ReturnConsumedCapacity,
  },
  custom: (request, store) => checkEachItem(request.TransactItems as Input[], (item) => get.custom?.(item.Get as Input, store)),
};
