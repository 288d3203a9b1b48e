import { defineAction, taggedResource } from '../action.js';
import { dynaliteOperation } from '../passThrough.js';

/** ListTagsOfResource: dynalite's, as it is. */
export const listTagsOfResource = defineAction(
  { name: 'ListTagsOfResource', action: 'dynamodb:ListTagsOfResource', resource: taggedResource },
  dynaliteOperation('ListTagsOfResource'),
);
