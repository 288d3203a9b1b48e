import { defineAction, tableResource } from '../action.js';
import { dynaliteOperation } from '../passThrough.js';

/** UpdateTable: dynalite's, as it is. */
export const updateTable = defineAction({ name: 'UpdateTable', action: 'dynamodb:UpdateTable', resource: tableResource }, dynaliteOperation('UpdateTable'));
