import type { CloudContext, IamApi, Principal } from '../../core/types.js';

/** The cloud's IAM when it runs one; without it roles are not checked and functions get test credentials. */
export function iamOf(cloud: CloudContext): IamApi | undefined {
  try {
    return cloud.api('iam');
  } catch {
    return undefined;
  }
}

/** The principal a function acts as: a session of its execution role, minted as for its workers. */
export function executionRole(iam: IamApi, roleArn: string, functionName: string): Principal {
  return iam.principalFor(iam.sessionCredentials(roleArn, functionName).accessKeyId);
}
