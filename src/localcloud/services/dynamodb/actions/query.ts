import { defineAction, indexResource } from '../action.js';
import { dynaliteOperation } from '../passThrough.js';

/** Query: dynalite's, as it is. */
export const query = defineAction({ name: 'Query', action: 'dynamodb:Query', resource: indexResource }, dynaliteOperation('Query'));
