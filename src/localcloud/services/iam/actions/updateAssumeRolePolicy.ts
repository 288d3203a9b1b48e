import { requiredString } from '../../../core/protocols/query-input.js';
import type { IamAction } from '../action.js';
import { policyOf, roleNameOf } from '../inputs.js';

export const updateAssumeRolePolicy: IamAction = (input, store) => {
  const role = store.role(roleNameOf(input));
  role.trustPolicy = policyOf(requiredString(input, 'PolicyDocument'), 'trust');
  store.trustChanged(role);
  return undefined;
};
