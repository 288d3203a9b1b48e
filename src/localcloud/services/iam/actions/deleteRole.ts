import { defineAction, roleResource } from '../action.js';
import { deleteConflict } from '../errors.js';
import { roleNameOf } from '../inputs.js';

export const deleteRole = defineAction({ name: 'DeleteRole', action: 'iam:DeleteRole', resource: roleResource }, (input, store) => {
  const role = store.role(roleNameOf(input));
  if (role.inlinePolicies.size > 0) throw deleteConflict('Cannot delete entity, must delete policies first.');
  if (role.attachedPolicies.size > 0) throw deleteConflict('Cannot delete entity, must detach all policies first.');
  store.deleteRole(role);
  return undefined;
});
