import { requiredString } from '../../../core/protocols/queryInput.js';
import { defineAction, roleResource } from '../action.js';
import { policyOf, roleNameOf } from '../inputs.js';

export const updateAssumeRolePolicy = defineAction(
  { name: 'UpdateAssumeRolePolicy', action: 'iam:UpdateAssumeRolePolicy', resource: roleResource },
  (input, store) => {
    const role = store.role(roleNameOf(input));
    role.trustPolicy = policyOf(requiredString(input, 'PolicyDocument'), 'trust');
    store.trustChanged(role);
    return undefined;
  },
);
