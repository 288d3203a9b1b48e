import { AwsError } from '../../../core/errors.js';
import { optionalInteger, requiredString, validationError } from '../../../core/protocols/queryInput.js';
import { isoSeconds } from '../../../core/clock.js';
import { defineAction } from '../action.js';

export const MIN_DURATION_SECONDS = 900;
export const MAX_DURATION_SECONDS = 43_200;
export const DEFAULT_DURATION_SECONDS = 3600;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const ROLE_ARN = /^arn:aws:iam::\d{12}:role\/.+$/;

/** Credentials standing for the role, if the caller may assume it (the developer always may). */
export const assumeRole = defineAction(
  { name: 'AssumeRole', action: 'sts:AssumeRole', unchecked: "decided here with the role's trust policy (IamApi.whyCannotAssume), in STS's own words" },
  (input, iam, { principal }) => {
    const roleArn = requiredString(input, 'RoleArn');
    const sessionName = requiredString(input, 'RoleSessionName');
    const seconds = optionalInteger(input, 'DurationSeconds', MIN_DURATION_SECONDS, MAX_DURATION_SECONDS) ?? DEFAULT_DURATION_SECONDS;
    if (!SESSION_NAME.test(sessionName)) {
      throw validationError('roleSessionName', sessionName, 'Member must satisfy regular expression pattern: [\\w+=,.@-]*');
    }
    if (!ROLE_ARN.test(roleArn)) throw validationError('roleArn', roleArn, 'Member must be a role ARN');
    if (iam.whyCannotAssume(roleArn, principal) !== undefined) {
      throw new AwsError('AccessDenied', `User: ${principal.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403);
    }
    const credentials = iam.sessionCredentials(roleArn, sessionName);
    const session = iam.principalFor(credentials.accessKeyId);
    return {
      Credentials: {
        AccessKeyId: credentials.accessKeyId,
        SecretAccessKey: credentials.secretAccessKey,
        SessionToken: credentials.sessionToken,
        Expiration: isoSeconds(new Date(Date.now() + seconds * 1000)),
      },
      AssumedRoleUser: { AssumedRoleId: `${iam.roleId(roleArn)}:${sessionName}`, Arn: session.arn },
    };
  },
);
