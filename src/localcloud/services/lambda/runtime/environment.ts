import type { CloudContext } from '../../../core/types.js';
import { iamOf } from '../iam.js';
import type { Deployment, LambdaFunction } from '../store.js';
import { logGroupOf } from './logsink.js';

/** Keys Lambda sets itself: a function's Environment may not use them. */
export const RESERVED_ENV_KEYS = [
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
];

/** Credentials standing for the execution role when IAM runs in the cloud, else the developer's test keys. */
function credentialsFor(cloud: CloudContext, roleArn: string, functionName: string): Record<string, string> {
  const iam = iamOf(cloud);
  if (!iam) return { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
  const c = iam.sessionCredentials(roleArn, functionName);
  return { AWS_ACCESS_KEY_ID: c.accessKeyId, AWS_SECRET_ACCESS_KEY: c.secretAccessKey, AWS_SESSION_TOKEN: c.sessionToken };
}

/**
 * The process environment of a worker, as Lambda builds it: the function's variables, then
 * Lambda's own, for one deployment of it. AWS_ENDPOINT_URL points SDK v3 clients in the function at this cloud.
 */
export function workerEnvironment(cloud: CloudContext, fn: LambdaFunction, { config, code }: Deployment): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    TZ: ':UTC',
    LANG: 'en_US.UTF-8',
    AWS_ENDPOINT_URL: cloud.endpoint,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...config.environment,
    // Lambda's Node.js bootstrap (/var/runtime/bootstrap) sets NODE_PATH unless the function gives a non-empty one:
    // the layers' and the runtime's node_modules, /var/runtime and /var/task. Of those, only the task root exists
    // here; it lets a CommonJS require() name a module by its path in the zip from any folder, as on Lambda.
    NODE_PATH: config.environment?.NODE_PATH || code.dir,
    AWS_REGION: fn.region,
    AWS_DEFAULT_REGION: fn.region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${config.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.memorySize),
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: logGroupOf(fn.name),
    LAMBDA_TASK_ROOT: code.dir,
    _HANDLER: config.handler,
    ...credentialsFor(cloud, config.role, fn.name),
  };
}
