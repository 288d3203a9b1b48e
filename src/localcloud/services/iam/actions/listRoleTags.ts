import { defineAction, roleResource } from '../action.js';
import { roleNameOf } from '../inputs.js';
import { paginate, tagsXml } from '../serialize.js';

export const listRoleTags = defineAction({ name: 'ListRoleTags', action: 'iam:ListRoleTags', resource: roleResource }, (input, store) => {
  const role = store.role(roleNameOf(input));
  const { page, ...paging } = paginate([...role.tags], input);
  return { Tags: tagsXml(page), ...paging };
});
