import { optionalInteger, requiredString } from '../../../core/protocols/queryInput.js';
import { iamId } from '../../../core/ids.js';
import { defineAction, roleResource } from '../action.js';
import { roleExists } from '../errors.js';
import { descriptionOf, pathOf, policyOf, roleNameOf, tagsOf } from '../inputs.js';
import { roleXml } from '../serialize.js';
import { roleArn } from '../store.js';

export const DEFAULT_MAX_SESSION_SECONDS = 3600;
export const MAX_SESSION_SECONDS = 43_200;

export const createRole = defineAction({ name: 'CreateRole', action: 'iam:CreateRole', resource: roleResource }, (input, store) => {
  const name = roleNameOf(input);
  const path = pathOf(input, 'Path');
  const trustPolicy = policyOf(requiredString(input, 'AssumeRolePolicyDocument'), 'trust');
  const description = descriptionOf(input);
  const maxSessionDuration = optionalInteger(input, 'MaxSessionDuration', DEFAULT_MAX_SESSION_SECONDS, MAX_SESSION_SECONDS);
  const tags = tagsOf(input);
  if (store.findRole(name)) throw roleExists(name);
  const now = new Date();
  const role = {
    name,
    path,
    roleId: iamId('AROA'),
    arn: roleArn(path, name),
    createDate: now,
    description,
    maxSessionDuration: maxSessionDuration ?? DEFAULT_MAX_SESSION_SECONDS,
    trustPolicy,
    trustChangedAt: now.getTime(),
    tags: new Map(tags),
    inlinePolicies: new Map(),
    attachedPolicies: new Map(),
    decisions: new Map(),
  };
  store.addRole(role);
  return { Role: roleXml(role, 'create') };
});
