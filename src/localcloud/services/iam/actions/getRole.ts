import { defineAction, roleResource } from '../action.js';
import { roleNameOf } from '../inputs.js';
import { roleXml } from '../serialize.js';

export const getRole = defineAction({ name: 'GetRole', action: 'iam:GetRole', resource: roleResource }, (input, store) => ({
  Role: roleXml(store.role(roleNameOf(input)), 'get'),
}));
