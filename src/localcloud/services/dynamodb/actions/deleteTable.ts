import { defineAction, tableResource } from '../action.js';
import { dynaliteOperation } from '../passThrough.js';

/** DeleteTable: dynalite's, as it is. */
export const deleteTable = defineAction({ name: 'DeleteTable', action: 'dynamodb:DeleteTable', resource: tableResource }, dynaliteOperation('DeleteTable'));
