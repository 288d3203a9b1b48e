import { defineAction, roleResource } from '../action.js';
import { roleNameOf } from '../inputs.js';
import { paginate } from '../serialize.js';

export const listRolePolicies = defineAction({ name: 'ListRolePolicies', action: 'iam:ListRolePolicies', resource: roleResource }, (input, store) => {
  const role = store.role(roleNameOf(input));
  const { page, ...paging } = paginate([...role.inlinePolicies.keys()].sort(), input);
  return { PolicyNames: { member: page }, ...paging };
});
