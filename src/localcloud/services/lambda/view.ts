import { createHash } from 'node:crypto';
import { logGroupOf } from './runtime/logsink.js';
import type { LambdaFunction } from './store.js';

const CREATING = { reason: 'The function is being created.', code: 'Creating' };

/**
 * The runtime version a function runs, as Create/Get/Update return it (LocalStack test_lambda_api.snapshot.json,
 * test_function_lifecycle): `arn:aws:lambda:<region>::runtime:<64 hex>`, no account. Ours names the runtime id.
 */
const runtimeVersionArn = (region: string, runtime: string) => `arn:aws:lambda:${region}::runtime:${createHash('sha256').update(runtime).digest('hex')}`;

/** FunctionConfiguration as Lambda returns it from Create/Get/Update/List. */
export function functionConfiguration(fn: LambdaFunction) {
  const { config, code } = fn;
  const pending = fn.state === 'Pending';
  const updating = fn.lastUpdateStatus === 'InProgress';
  return {
    FunctionName: fn.name,
    FunctionArn: fn.arn,
    Runtime: config.runtime,
    Role: config.role,
    Handler: config.handler,
    CodeSize: code.size,
    Description: config.description,
    Timeout: config.timeout,
    MemorySize: config.memorySize,
    LastModified: fn.lastModified,
    CodeSha256: code.sha256,
    Version: '$LATEST',
    Environment: config.environment ? { Variables: config.environment } : undefined,
    TracingConfig: { Mode: 'PassThrough' },
    RevisionId: fn.revisionId,
    State: fn.state,
    StateReason: pending ? CREATING.reason : undefined,
    StateReasonCode: pending ? CREATING.code : undefined,
    LastUpdateStatus: fn.lastUpdateStatus,
    // Lambda says "being created" for updates too.
    LastUpdateStatusReason: updating ? CREATING.reason : undefined,
    LastUpdateStatusReasonCode: updating ? CREATING.code : undefined,
    PackageType: 'Zip',
    Architectures: config.architectures,
    EphemeralStorage: { Size: 512 },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    LoggingConfig: { LogFormat: 'Text', LogGroup: logGroupOf(fn.name) },
    RuntimeVersionConfig: { RuntimeVersionArn: runtimeVersionArn(fn.region, config.runtime) },
  };
}
