import { defineAction } from '../action.js';
import { dynaliteOperation } from '../passThrough.js';

/** ListTables: dynalite's, as it is. */
export const listTables = defineAction({ name: 'ListTables', action: 'dynamodb:ListTables' }, dynaliteOperation('ListTables'));
