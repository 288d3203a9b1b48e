import { defineAction, tableResource } from '../action.js';
import { dynaliteOperation } from '../passThrough.js';

/** GetItem: dynalite's, as it is. */
export const getItem = defineAction({ name: 'GetItem', action: 'dynamodb:GetItem', resource: tableResource }, dynaliteOperation('GetItem'));
