import { AwsError } from '../../core/errors.js';

// Lambda's errors carry `Type: User` on the wire, as the real service sends them.
const USER = { Type: 'User' };

export const functionNotFound = (arn: string) => new AwsError('ResourceNotFoundException', `Function not found: ${arn}`, 404, true, USER);
export const resourceNotFound = (message = 'The resource you requested does not exist.') => new AwsError('ResourceNotFoundException', message, 404, true, USER);
export const invalidParameter = (message: string) => new AwsError('InvalidParameterValueException', message, 400, true, USER);
export const resourceConflict = (message: string) => new AwsError('ResourceConflictException', message, 409, true, USER);

export const functionStateConflict = (state: string) =>
  resourceConflict(`The operation cannot be performed at this time. The function is currently in the following state: ${state}`);
export const updateInProgress = (arn: string) =>
  resourceConflict(`The operation cannot be performed at this time. An update is in progress for resource: ${arn}`);

/** Invocations beyond a function's reserved concurrency are throttled, not queued. */
export const throttled = () =>
  new AwsError('TooManyRequestsException', 'Rate Exceeded.', 429, true, { ...USER, Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });

export const preconditionFailed = () =>
  new AwsError(
    'PreconditionFailedException',
    'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
    412,
    true,
    USER,
  );
