import { AwsError } from '../../core/errors.js';

// CloudWatch Logs answers every client error with HTTP 400, whatever the code.
export const groupNotFound = () => new AwsError('ResourceNotFoundException', 'The specified log group does not exist.', 400);
export const streamNotFound = () => new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.', 400);
export const streamExists = () => new AwsError('ResourceAlreadyExistsException', 'The specified log stream already exists', 400);
export const groupExists = () => new AwsError('ResourceAlreadyExistsException', 'The specified log group already exists', 400);
export const invalidParameter = (message: string) => new AwsError('InvalidParameterException', message, 400);
