import { requiredString } from '../../../core/protocols/query-input.js';
import type { IamAction } from '../action.js';
import { policyNotAttached } from '../errors.js';
import { roleNameOf } from '../inputs.js';

export const detachRolePolicy: IamAction = (input, store) => {
  const role = store.role(roleNameOf(input));
  const arn = requiredString(input, 'PolicyArn');
  if (!role.attachedPolicies.delete(arn)) throw policyNotAttached(arn);
  store.permissionsChanged(role);
  return undefined;
};
