import { defineAction, indexResource } from '../action.js';
import { dynaliteOperation } from '../passThrough.js';

/** Scan: dynalite's, as it is. */
export const scan = defineAction({ name: 'Scan', action: 'dynamodb:Scan', resource: indexResource }, dynaliteOperation('Scan'));
