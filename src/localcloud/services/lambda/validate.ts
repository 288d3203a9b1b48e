import { z } from 'zod';
import type { CloudContext } from '../../core/types.js';
import { invalidParameter } from './errors.js';
import { iamOf } from './iam.js';
import { RESERVED_ENV_KEYS } from './runtime/environment.js';

/** The runtimes the embedded cloud can run (its workers are Node processes). */
const SUPPORTED_RUNTIMES = ['nodejs18.x', 'nodejs20.x', 'nodejs22.x'];
export const DEFAULT_TIMEOUT_SECONDS = 3;
const MAX_TIMEOUT_SECONDS = 900;
export const DEFAULT_MEMORY_MB = 128;
const MIN_MEMORY_MB = 128;
const MAX_MEMORY_MB = 10_240;
/** Lambda measures the Environment's variables as JSON text against this limit. */
const MAX_ENVIRONMENT_BYTES = 4096;
const ROLE_PATTERN = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;
const ENV_KEY = /^[a-zA-Z]([a-zA-Z0-9_])+$/;

export const functionName = z.string().min(1).max(64).regex(/^[a-zA-Z0-9-_]+$/);

/** The configuration members CreateFunction and UpdateFunctionConfiguration share. */
export const configurationMembers = {
  Runtime: z.string().optional(),
  Role: z.string().regex(ROLE_PATTERN).optional(),
  Handler: z.string().max(128).regex(/^[^\s]+$/).optional(),
  Description: z.string().max(256).optional(),
  Timeout: z.number().int().min(1).max(MAX_TIMEOUT_SECONDS).optional(),
  MemorySize: z.number().int().min(MIN_MEMORY_MB).max(MAX_MEMORY_MB).optional(),
  Environment: z.object({ Variables: z.record(z.string(), z.string()).optional() }).optional(),
};

/** Lambda's limit on tags per function. */
const MAX_TAGS = 50;

export const tagsSchema = z
  .record(z.string().min(1).max(128), z.string().max(256))
  .refine((tags) => Object.keys(tags).length <= MAX_TAGS, { message: `Member must have length less than or equal to ${MAX_TAGS}` });

/** FunctionCode: the embedded cloud takes the package inline (ZipFile, base64 on the wire). */
export const codeSource = z.looseObject({ ZipFile: z.string().optional(), S3Bucket: z.string().optional(), S3Key: z.string().optional() });

export function zipOf(code: z.output<typeof codeSource>): Buffer {
  if (code.ZipFile) return Buffer.from(code.ZipFile, 'base64');
  if (code.S3Bucket) throw invalidParameter('Code.S3Bucket is not supported by the embedded cloud: send the package as ZipFile.');
  throw invalidParameter('Please provide a source for function code.');
}

export function assertRuntime(runtime: string): void {
  if (!SUPPORTED_RUNTIMES.includes(runtime)) {
    throw invalidParameter(`The runtime parameter of ${runtime} is not supported by the embedded cloud. Use one of: ${SUPPORTED_RUNTIMES.join(', ')}.`);
  }
}

export function assertEnvironment(variables: Record<string, string>): void {
  const reserved = Object.keys(variables).filter((k) => RESERVED_ENV_KEYS.includes(k));
  if (reserved.length) {
    throw invalidParameter(
      `Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${reserved.join(',')}`,
    );
  }
  const badKey = Object.keys(variables).find((k) => !ENV_KEY.test(k));
  if (badKey) {
    throw invalidParameter(
      `Lambda was unable to configure your environment variables because the environment variables you have provided contains invalid keys. Invalid keys used in this request: ${badKey}`,
    );
  }
  const measured = JSON.stringify(variables);
  if (Buffer.byteLength(measured) > MAX_ENVIRONMENT_BYTES) {
    throw invalidParameter(
      `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${measured}`,
    );
  }
}

/** With IAM in the cloud, the role must exist and trust Lambda (and have propagated); without it any role will do. */
export function assertAssumable(cloud: CloudContext, roleArn: string): void {
  if (iamOf(cloud)?.whyLambdaCannotAssume(roleArn) !== undefined) throw invalidParameter('The role defined for the function cannot be assumed by Lambda.');
}
