import { AwsError } from '../../core/errors.js';

/** IAM's error codes and messages, as the awsQuery `<Error><Code>` the SDK maps to typed exceptions. */
export const noSuchRole = (name: string) => new AwsError('NoSuchEntity', `The role with name ${name} cannot be found.`, 404);
export const noSuchRolePolicy = (name: string) => new AwsError('NoSuchEntity', `The role policy with name ${name} cannot be found.`, 404);
export const roleExists = (name: string) => new AwsError('EntityAlreadyExists', `Role with name ${name} already exists.`, 409);
export const deleteConflict = (message: string) => new AwsError('DeleteConflict', message, 409);
export const limitExceeded = (message: string) => new AwsError('LimitExceeded', message, 409);
export const invalidInput = (message: string) => new AwsError('InvalidInput', message, 400);
/** AWS's answer to a PolicyArn that is no ARN at all (its message, as recorded, leaves the ARN out). */
export const unparsableArn = () => new AwsError('ValidationError', 'Invalid ARN:  Could not be parsed!', 400);
export const policyNotAttachable = (arn: string) => new AwsError('NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`, 404);
export const policyNotAttached = (arn: string) => new AwsError('NoSuchEntity', `Policy ${arn} was not found.`, 404);
