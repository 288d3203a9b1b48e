import { requiredString } from '../../../core/protocols/queryInput.js';
import { defineAction, roleResource } from '../action.js';
import { limitExceeded, policyNotAttachable, unparsableArn } from '../errors.js';
import { roleNameOf } from '../inputs.js';
import { AWS_MANAGED_POLICIES } from '../managedPolicies.js';

export const MAX_MANAGED_POLICIES_PER_ROLE = 10;

/** Only AWS managed policies exist here (no CreatePolicy): anything else is not attachable. */
export const attachRolePolicy = defineAction({ name: 'AttachRolePolicy', action: 'iam:AttachRolePolicy', resource: roleResource }, (input, store) => {
  const role = store.role(roleNameOf(input));
  const arn = requiredString(input, 'PolicyArn');
  if (!arn.startsWith('arn:')) throw unparsableArn();
  const policy = AWS_MANAGED_POLICIES.get(arn);
  if (!policy) throw policyNotAttachable(arn);
  if (!role.attachedPolicies.has(arn) && role.attachedPolicies.size >= MAX_MANAGED_POLICIES_PER_ROLE) {
    throw limitExceeded(`Cannot exceed quota for PoliciesPerRole: ${MAX_MANAGED_POLICIES_PER_ROLE}`);
  }
  role.attachedPolicies.set(arn, policy);
  store.permissionsChanged(role);
  return undefined;
});
