import { requiredString } from '../../../core/protocols/queryInput.js';
import { defineAction, roleResource } from '../action.js';
import { limitExceeded } from '../errors.js';
import { MAX_INLINE_POLICY_CHARS_PER_ROLE, policyNameOf, policyOf, policySize, roleNameOf } from '../inputs.js';

export const putRolePolicy = defineAction({ name: 'PutRolePolicy', action: 'iam:PutRolePolicy', resource: roleResource }, (input, store) => {
  const role = store.role(roleNameOf(input));
  const name = policyNameOf(input);
  const policy = policyOf(requiredString(input, 'PolicyDocument'), 'identity');
  let total = policySize(policy.text);
  for (const [other, p] of role.inlinePolicies) if (other !== name) total += policySize(p.text);
  if (total > MAX_INLINE_POLICY_CHARS_PER_ROLE) {
    throw limitExceeded(`Maximum policy size of ${MAX_INLINE_POLICY_CHARS_PER_ROLE} bytes exceeded for role ${role.name}`);
  }
  role.inlinePolicies.set(name, policy);
  store.permissionsChanged(role);
  return undefined;
});
