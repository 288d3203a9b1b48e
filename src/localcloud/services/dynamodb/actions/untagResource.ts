import { defineAction, taggedResource } from '../action.js';
import { dynaliteOperation } from '../passThrough.js';

/** UntagResource: dynalite's, as it is. */
export const untagResource = defineAction(
  { name: 'UntagResource', action: 'dynamodb:UntagResource', resource: taggedResource },
  dynaliteOperation('UntagResource'),
);
