import { defineAction, roleResource } from '../action.js';
import { roleNameOf, tagKeysOf } from '../inputs.js';

export const untagRole = defineAction({ name: 'UntagRole', action: 'iam:UntagRole', resource: roleResource }, (input, store) => {
  const role = store.role(roleNameOf(input));
  for (const key of tagKeysOf(input)) role.tags.delete(key);
  return undefined;
});
