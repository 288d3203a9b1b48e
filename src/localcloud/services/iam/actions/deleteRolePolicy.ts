import { defineAction, roleResource } from '../action.js';
import { noSuchRolePolicy } from '../errors.js';
import { policyNameOf, roleNameOf } from '../inputs.js';

export const deleteRolePolicy = defineAction({ name: 'DeleteRolePolicy', action: 'iam:DeleteRolePolicy', resource: roleResource }, (input, store) => {
  const role = store.role(roleNameOf(input));
  const name = policyNameOf(input);
  if (!role.inlinePolicies.delete(name)) throw noSuchRolePolicy(name);
  store.permissionsChanged(role);
  return undefined;
});
