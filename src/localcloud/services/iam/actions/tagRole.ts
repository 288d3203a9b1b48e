import { defineAction, roleResource } from '../action.js';
import { limitExceeded } from '../errors.js';
import { MAX_TAGS_PER_ROLE, roleNameOf, tagsOf } from '../inputs.js';

export const tagRole = defineAction({ name: 'TagRole', action: 'iam:TagRole', resource: roleResource }, (input, store) => {
  const role = store.role(roleNameOf(input));
  const tags = tagsOf(input);
  const added = tags.filter(([key]) => !role.tags.has(key)).length;
  if (role.tags.size + added > MAX_TAGS_PER_ROLE) throw limitExceeded(`Cannot exceed quota for TagsPerRole: ${MAX_TAGS_PER_ROLE}`);
  for (const [key, value] of tags) role.tags.set(key, value);
  return undefined;
});
