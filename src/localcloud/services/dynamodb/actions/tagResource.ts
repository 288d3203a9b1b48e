import { defineAction, taggedResource } from '../action.js';
import { dynaliteOperation } from '../passThrough.js';

/** TagResource: dynalite's, as it is. */
export const tagResource = defineAction({ name: 'TagResource', action: 'dynamodb:TagResource', resource: taggedResource }, dynaliteOperation('TagResource'));
