import { requiredString } from '../../../core/protocols/queryInput.js';
import { defineAction, roleResource } from '../action.js';
import { policyNotAttached } from '../errors.js';
import { roleNameOf } from '../inputs.js';

export const detachRolePolicy = defineAction({ name: 'DetachRolePolicy', action: 'iam:DetachRolePolicy', resource: roleResource }, (input, store) => {
  const role = store.role(roleNameOf(input));
  const arn = requiredString(input, 'PolicyArn');
  if (!role.attachedPolicies.delete(arn)) throw policyNotAttached(arn);
  store.permissionsChanged(role);
  return undefined;
});
