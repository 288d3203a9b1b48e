import type { IamAction } from '../action.js';
import { roleNameOf, tagKeysOf } from '../inputs.js';

export const untagRole: IamAction = (input, store) => {
  const role = store.role(roleNameOf(input));
  for (const key of tagKeysOf(input)) role.tags.delete(key);
  return undefined;
};
