/** The account every resource of the embedded cloud lives in, as LocalStack does. */
export const ACCOUNT_ID = '000000000000';
export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_PORT = 4566;
export const LOOPBACK = '127.0.0.1';
/** Largest request body the edge accepts (S3 parts are at most 5 GiB on AWS; we keep it small). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** How Lambda execution environments are kept apart (see Isolation in services/lambda/runtime/worker.ts); the first is the default. */
export const LAMBDA_ISOLATIONS = ['process', 'thread'] as const;
