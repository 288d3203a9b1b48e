import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ok, readBody, defineAction, lambdaResource } from '../action.js';
import { storeCode } from '../code.js';
import { invalidParameter, resourceConflict } from '../errors.js';
import { beginCreation, lastModifiedNow } from '../lifecycle.js';
import { functionArn, type LambdaFunction } from '../store.js';
import {
  assertAssumable,
  assertEnvironment,
  assertCreatableRuntime,
  codeSource,
  configurationMembers,
  DEFAULT_MEMORY_MB,
  DEFAULT_TIMEOUT_SECONDS,
  functionName,
  tagsSchema,
  zipOf,
} from '../validate.js';
import { functionConfiguration } from '../view.js';

const schema = z.looseObject({
  FunctionName: functionName,
  ...configurationMembers,
  Role: configurationMembers.Role.unwrap(),
  Code: codeSource,
  PackageType: z.enum(['Zip', 'Image']).optional(),
  Architectures: z
    .array(z.enum(['x86_64', 'arm64']))
    .min(1)
    .max(1)
    .optional(),
  Tags: tagsSchema.optional(),
});

export const createFunction = defineAction({ name: 'CreateFunction', action: 'lambda:CreateFunction', resource: lambdaResource }, (input, store, ctx) => {
  const body = readBody(input, schema);
  if (body.PackageType === 'Image') throw invalidParameter('PackageType Image is not supported by the embedded cloud; deploy a Zip package.');
  if (!body.Runtime || !body.Handler) throw invalidParameter('Runtime and Handler are mandatory parameters for functions created with deployment packages.');
  assertCreatableRuntime(body.Runtime, ctx.cloud.clock.now());
  if (body.Environment?.Variables) assertEnvironment(body.Environment.Variables);
  const functions = store.functions(ctx.region);
  if (functions.has(body.FunctionName)) throw resourceConflict(`Function already exist: ${body.FunctionName}`);
  assertAssumable(ctx.cloud, body.Role);

  const code = storeCode(ctx.cloud.options.stateDir, body.FunctionName, zipOf(body.Code));
  const config = {
    runtime: body.Runtime,
    role: body.Role,
    handler: body.Handler,
    description: body.Description ?? '',
    timeout: body.Timeout ?? DEFAULT_TIMEOUT_SECONDS,
    memorySize: body.MemorySize ?? DEFAULT_MEMORY_MB,
    environment: body.Environment?.Variables,
    architectures: body.Architectures ?? ['x86_64'],
  };
  const fn: LambdaFunction = {
    name: body.FunctionName,
    arn: functionArn(ctx.region, body.FunctionName),
    region: ctx.region,
    config,
    code,
    live: { config, code, revision: 0 },
    state: 'Pending',
    lastUpdateStatus: 'InProgress',
    revisionId: randomUUID(),
    lastModified: lastModifiedNow(),
    tags: body.Tags ?? {},
    policy: [],
  };
  functions.set(fn.name, fn);
  beginCreation(fn, ctx.lambda.scheduler, ctx.cloud.options.timings.functionUpdateMs, ctx.lambda.runtime.prepare(config.runtime));
  return ok(functionConfiguration(fn), 201);
});
