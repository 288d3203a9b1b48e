import { defineAction, roleResource } from '../action.js';
import { noSuchRolePolicy } from '../errors.js';
import { policyNameOf, roleNameOf } from '../inputs.js';
import { encodeDocument } from '../serialize.js';

export const getRolePolicy = defineAction({ name: 'GetRolePolicy', action: 'iam:GetRolePolicy', resource: roleResource }, (input, store) => {
  const role = store.role(roleNameOf(input));
  const name = policyNameOf(input);
  const policy = role.inlinePolicies.get(name);
  if (!policy) throw noSuchRolePolicy(name);
  return { RoleName: role.name, PolicyName: name, PolicyDocument: encodeDocument(policy.text) };
});
