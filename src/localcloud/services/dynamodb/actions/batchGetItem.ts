import { batchTables, defineAction } from '../action.js';
import { dynaliteOperation } from '../passThrough.js';

/** BatchGetItem: dynalite's, as it is. */
export const batchGetItem = defineAction({ name: 'BatchGetItem', action: 'dynamodb:BatchGetItem', resource: batchTables }, dynaliteOperation('BatchGetItem'));
