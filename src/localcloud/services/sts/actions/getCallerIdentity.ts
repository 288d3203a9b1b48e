import { defineAction } from '../action.js';

/** The developer is the account root (UserId = the account); a role session is its assumed-role ARN. */
export const getCallerIdentity = defineAction(
  { name: 'GetCallerIdentity', action: 'sts:GetCallerIdentity', unchecked: 'AWS answers it whatever the policies' },
  (_input, iam, { principal, accountId }) => {
    if (principal.kind === 'root') return { UserId: accountId, Account: accountId, Arn: principal.arn };
    const sessionName = principal.arn.slice(principal.arn.lastIndexOf('/') + 1);
    return { UserId: `${iam.roleId(principal.roleArn) ?? principal.roleName}:${sessionName}`, Account: accountId, Arn: principal.arn };
  },
);
