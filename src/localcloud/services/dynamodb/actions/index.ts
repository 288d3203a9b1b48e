import { DYNALITE_OPERATIONS } from '../dynalite.js';
import type { Handler } from '../store.js';
import { admitItemWrite } from '../throughput/admission.js';
import { batchWriteItem } from './batchWriteItem.js';
import { createTable } from './createTable.js';
import { dynaliteOperation, itemWrite } from './dynalite.js';
import { transactGetItems } from './transactGetItems.js';
import { transactWriteItems } from './transactWriteItems.js';

/** Every DynamoDB operation the embedded cloud answers, by its X-Amz-Target name. */
export const HANDLERS: ReadonlyMap<string, Handler> = new Map<string, Handler>([
  ...DYNALITE_OPERATIONS.map((op) => [op, dynaliteOperation(op)] as const),
  ['PutItem', itemWrite('PutItem', admitItemWrite('Item'))],
  ['UpdateItem', itemWrite('UpdateItem', admitItemWrite('Key'))],
  ['DeleteItem', itemWrite('DeleteItem', admitItemWrite('Key'))],
  ['CreateTable', createTable],
  ['BatchWriteItem', batchWriteItem],
  ['TransactWriteItems', transactWriteItems],
  ['TransactGetItems', transactGetItems],
]);
