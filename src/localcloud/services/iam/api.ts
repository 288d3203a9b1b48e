import { randomBytes } from 'node:crypto';
import { ACCOUNT_ID } from '../../core/constants.js';
import { iamId } from '../../core/ids.js';
import type { CloudContext, IamApi, Principal } from '../../core/types.js';
import type { IamStore, RoleSession } from './store.js';

const LAMBDA_SERVICE = 'lambda.amazonaws.com';
const ASSUME_ROLE = 'sts:AssumeRole';
export const ROOT_ARN = `arn:aws:iam::${ACCOUNT_ID}:root`;
/** Sizes of the secrets STS hands out (a 40-character secret key, a long opaque token). */
const SECRET_BYTES = 30;
const TOKEN_BYTES = 180;

export const assumedRoleArn = (roleName: string, sessionName: string) => `arn:aws:sts::${ACCOUNT_ID}:assumed-role/${roleName}/${sessionName}`;

/** The in-process IAM API other services use: trust checks, role sessions and policy evaluation. */
export function createIamApi(store: IamStore, cloud: CloudContext): IamApi {
  return {
    whyLambdaCannotAssume(roleArn) {
      const role = store.roleByArn(roleArn);
      if (!role) return `role ${roleArn} does not exist`;
      if (store.trustOf(role).evaluateTrust({ service: LAMBDA_SERVICE }, ASSUME_ROLE) !== 'Allow') {
        return `the trust policy of role ${role.name} does not allow ${LAMBDA_SERVICE} to perform ${ASSUME_ROLE}`;
      }
      const age = Date.now() - role.trustChangedAt;
      if (age < cloud.options.timings.rolePropagationMs) {
        return `role ${role.name} was created or had its trust policy changed ${age} ms ago; IAM takes a few seconds to propagate it`;
      }
      return undefined;
    },

    // Stricter than AWS in one corner: a role session needs both the trust policy and its own
    // identity policy, even when the trust policy names it explicitly. The developer (root) may.
    whyCannotAssume(roleArn, principal) {
      const role = store.roleByArn(roleArn);
      if (!role) return `role ${roleArn} does not exist`;
      if (principal.kind === 'root') return undefined;
      const caller = { aws: [principal.arn, principal.roleArn, ROOT_ARN, ACCOUNT_ID] };
      if (store.trustOf(role).evaluateTrust(caller, ASSUME_ROLE) !== 'Allow') return `the trust policy of role ${role.name} does not allow ${principal.arn}`;
      if (!this.isAllowed(principal, ASSUME_ROLE, roleArn)) return `no identity-based policy of ${principal.roleName} allows ${ASSUME_ROLE} on ${roleArn}`;
      return undefined;
    },

    roleId(roleArn) {
      return store.roleByArn(roleArn)?.roleId;
    },

    sessionCredentials(roleArn, sessionName) {
      const roleName = roleArn.slice(roleArn.lastIndexOf('/') + 1);
      const accessKeyId = iamId('ASIA', 16);
      const session: RoleSession = { kind: 'role', arn: assumedRoleArn(roleName, sessionName), roleArn, roleName, accessKeyId };
      store.sessions.set(accessKeyId, { principal: session, roleId: store.roleByArn(roleArn)?.roleId });
      return {
        accessKeyId,
        secretAccessKey: randomBytes(SECRET_BYTES).toString('base64'),
        sessionToken: randomBytes(TOKEN_BYTES).toString('base64'),
      };
    },

    principalFor(accessKeyId): Principal {
      return (accessKeyId !== undefined && store.sessions.get(accessKeyId)?.principal) || { kind: 'root', arn: ROOT_ARN, accessKeyId };
    },

    isAllowed(principal, action, resource) {
      if (principal.kind === 'root') return true;
      const role = store.sessionRole(principal);
      return role !== undefined && store.isRoleAllowed(role, action, resource);
    },
  };
}
