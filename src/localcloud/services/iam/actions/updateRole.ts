import { optionalInteger } from '../../../core/protocols/queryInput.js';
import { defineAction, roleResource } from '../action.js';
import { descriptionOf, roleNameOf } from '../inputs.js';
import { DEFAULT_MAX_SESSION_SECONDS, MAX_SESSION_SECONDS } from './createRole.js';

export const updateRole = defineAction({ name: 'UpdateRole', action: 'iam:UpdateRole', resource: roleResource }, (input, store) => {
  const role = store.role(roleNameOf(input));
  role.description = descriptionOf(input) ?? role.description;
  role.maxSessionDuration = optionalInteger(input, 'MaxSessionDuration', DEFAULT_MAX_SESSION_SECONDS, MAX_SESSION_SECONDS) ?? role.maxSessionDuration;
  return {};
});
