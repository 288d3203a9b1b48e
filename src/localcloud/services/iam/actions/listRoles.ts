import { defineAction, roleResource } from '../action.js';
import { pathOf } from '../inputs.js';
import { paginate, roleXml } from '../serialize.js';

export const listRoles = defineAction({ name: 'ListRoles', action: 'iam:ListRoles', resource: roleResource }, (input, store) => {
  const prefix = pathOf(input, 'PathPrefix');
  const { page, ...paging } = paginate(
    store.allRoles().filter((r) => r.path.startsWith(prefix)),
    input,
  );
  return { Roles: { member: page.map((r) => roleXml(r, 'list')) }, ...paging };
});
