import { defineAction, roleResource } from '../action.js';
import { pathOf, roleNameOf } from '../inputs.js';
import { paginate } from '../serialize.js';

export const listAttachedRolePolicies = defineAction(
  { name: 'ListAttachedRolePolicies', action: 'iam:ListAttachedRolePolicies', resource: roleResource },
  (input, store) => {
    const role = store.role(roleNameOf(input));
    const prefix = pathOf(input, 'PathPrefix');
    const policyPath = (arn: string) => arn.slice('arn:aws:iam::aws:policy'.length, arn.lastIndexOf('/') + 1);
    const matching = [...role.attachedPolicies.values()].filter((p) => policyPath(p.arn).startsWith(prefix));
    const { page, ...paging } = paginate(matching, input);
    return { AttachedPolicies: { member: page.map((p) => ({ PolicyName: p.name, PolicyArn: p.arn })) }, ...paging };
  },
);
