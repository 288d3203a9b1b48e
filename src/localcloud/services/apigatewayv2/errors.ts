import { AwsError } from '../../core/errors.js';
import { ACCOUNT_ID } from '../../core/constants.js';

/** API Gateway v2's errors: the code travels in x-amzn-ErrorType, the SDK raises the typed exception. */
export const notFound = (message: string) => new AwsError('NotFoundException', message, 404);
export const badRequest = (message: string) => new AwsError('BadRequestException', message, 400);
export const conflict = (message: string) => new AwsError('ConflictException', message, 409);

/** "Invalid API identifier specified 000000000000:abc123", and the same for the other kinds. */
export const invalidIdentifier = (kind: 'API' | 'Route' | 'Integration' | 'Deployment', id: string) =>
  notFound(`Invalid ${kind} identifier specified ${ACCOUNT_ID}:${id}`);
export const stageNotFound = (name: string) => notFound(`Invalid stage identifier specified ${ACCOUNT_ID}:${name}`);
