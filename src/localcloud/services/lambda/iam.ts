import type { CloudContext, IamApi, Principal } from '../../core/types.js';

/** The cloud's IAM when it runs one; without it roles are not checked and functions get test credentials. */
export function iamOf(cloud: CloudContext): IamApi | undefined {
  try {
    return cloud.api('iam');
  } catch {
    return undefined;
  }
}

/** The principal a function acts as: a session of its execution role. */
export function executionRole(roleArn: string, functionName: string): Principal {
  const roleName = roleArn.split('/').pop() ?? roleArn;
  const account = roleArn.split(':')[4] ?? '';
  return { kind: 'role', arn: `arn:aws:sts::${account}:assumed-role/${roleName}/${functionName}`, roleArn, roleName, accessKeyId: '' };
}
