import { z } from 'zod';
import { creatableRuntimes, isCreatable, nodeMajorOf, runtimePhase } from '../../../runtimes/calendar.js';
import type { CloudContext } from '../../core/types.js';
import { invalidParameter } from './errors.js';
import { iamOf } from './iam.js';
import { RESERVED_ENV_KEYS } from './runtime/environment.js';

export const DEFAULT_TIMEOUT_SECONDS = 3;
const MAX_TIMEOUT_SECONDS = 900;
export const DEFAULT_MEMORY_MB = 128;
const MIN_MEMORY_MB = 128;
const MAX_MEMORY_MB = 10_240;
/** Lambda measures the Environment's variables as JSON text against this limit. */
const MAX_ENVIRONMENT_BYTES = 4096;
const ROLE_PATTERN = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;
const ENV_KEY = /^[a-zA-Z]([a-zA-Z0-9_])+$/;

export const functionName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-zA-Z0-9-_]+$/);

/** The configuration members CreateFunction and UpdateFunctionConfiguration share. */
export const configurationMembers = {
  Runtime: z.string().optional(),
  Role: z.string().regex(ROLE_PATTERN).optional(),
  Handler: z
    .string()
    .max(128)
    .regex(/^[^\s]+$/)
    .optional(),
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

/** AWS's answer to a runtime past its block date (lambda-runtimes: "Block function create" / "Block function update"). */
const runtimeBlocked = (runtime: string) =>
  invalidParameter(
    `The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.`,
  );

/**
 * The order in which AWS listed the runtimes it creates functions with, as recorded on 2026-01-12 (LocalStack
 * tests/aws/services/lambda_/test_lambda_api.snapshot.json, TestLambdaFunction::test_create_lambda_exceptions,
 * invalid_runtime_exc). AWS's order is a set's, not sorted; a runtime launched since is listed after these.
 */
const RECORDED_RUNTIME_ORDER = [
  'nodejs20.x',
  'python3.14',
  'provided.al2023',
  'python3.12',
  'python3.13',
  'nodejs24.x',
  'nodejs22.x',
  'java25',
  'python3.10',
  'python3.11',
  'java21',
  'ruby3.3',
  'ruby3.4',
  'ruby3.2',
  'python3.8',
  'python3.9',
  'java17',
  'nodejs16.x',
  'dotnet10',
  'dotnet8',
  'java11',
  'dotnet6',
  'nodejs18.x',
  'provided.al2',
  'java8.al2',
];

/**
 * An id that is no runtime at all: AWS answers InvalidParameterValueException (not ValidationException, and
 * with the value unquoted), listing the runtimes it creates functions with today (same recording).
 */
function unknownRuntime(runtime: string, now: Date) {
  const creatable = creatableRuntimes(now);
  const listed = [...RECORDED_RUNTIME_ORDER.filter((id) => creatable.includes(id)), ...creatable.filter((id) => !RECORDED_RUNTIME_ORDER.includes(id))];
  return invalidParameter(
    `Value ${runtime} at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [${listed.join(', ')}] or be a valid ARN`,
  );
}

/**
 * A function may be created with `runtime` on `now`: it is a runtime AWS still creates functions with, and
 * one the embedded cloud can run.
 */
export function assertCreatableRuntime(runtime: string, now: Date): void {
  if (runtimePhase(runtime, now) === undefined) throw unknownRuntime(runtime, now);
  if (!isCreatable(runtime, now)) throw runtimeBlocked(runtime);
  if (nodeMajorOf(runtime) === undefined) {
    throw invalidParameter(`The runtime parameter of ${runtime} is not supported by the embedded cloud: it runs Node.js functions only.`);
  }
}

/**
 * An update of a function whose runtime is `current`: a move to another runtime needs one AWS still creates
 * functions with ("you can update a function with a deprecated runtime as long as you change the runtime to
 * one that's supported"); otherwise AWS refuses any update, code or configuration, once `current` is past its
 * block-update date.
 */
export function assertUpdatableRuntime(current: string, next: string | undefined, now: Date): void {
  if (next !== undefined && next !== current) assertCreatableRuntime(next, now);
  else if (runtimePhase(current, now) === 'update-blocked') throw runtimeBlocked(current);
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
