import { setTimeout as sleep } from 'node:timers/promises';
import { drift, hasDrift, type Drift } from '../drift.js';
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionCommand,
  ListEventSourceMappingsCommand,
  type ListEventSourceMappingsCommandOutput,
  TagResourceCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
  type FunctionConfiguration,
} from '@aws-sdk/client-lambda';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import type { Resource, StackContext } from '../context.js';
import { trustsLambda } from '../policies.js';
import { errorName, isNotFound, retry, unlessNotFound, waiterTiming } from '../retry.js';
import { missingTags } from './tags.js';
import { RUNTIME_CALENDAR, runtimePhase } from '../../runtimes/calendar.js';

interface FunctionState {
  config: FunctionConfiguration;
  tags: Record<string, string>;
}

type Fn = 'producer' | 'consumer';

/** IAM takes ~10 s (sometimes much longer) before Lambda can assume a new role. */
const ROLE_PROPAGATION_RETRY = { attempts: 14, baseDelayMs: 300, maxDelayMs: 8_000 };
const ROLE_NOT_ASSUMABLE = /cannot be assumed by Lambda/i;

/** The contract's env vars (the spec writes them), with the extra ones (e.g. fault injection) over them. */
function wantedEnv(ctx: StackContext, fn: Fn): Record<string, string> {
  return { ...ctx.spec.environment(ctx.target.region, ctx.outputs)[fn], ...ctx.extraEnv[fn] };
}

function wantedConfig(ctx: StackContext, fn: Fn) {
  return {
    Runtime: ctx.spec.runtime,
    Handler: ctx.code[fn].handler,
    Role: fn === 'producer' ? ctx.outputs.producerRoleArn : ctx.outputs.consumerRoleArn,
    Timeout: ctx.spec.settings.functionTimeoutSeconds,
    MemorySize: ctx.spec.settings.functionMemoryMb,
    Environment: { Variables: wantedEnv(ctx, fn) },
  };
}

const sameEnv = (a: Record<string, string> | undefined, b: Record<string, string>) =>
  JSON.stringify(Object.entries(a ?? {}).sort()) === JSON.stringify(Object.entries(b).sort());

/** A runtime AWS deprecated is drift even before it blocks updates: say when it stopped creating functions. */
function runtimeDrift(current: string | undefined, wanted: string): Drift {
  const phase = current === undefined ? undefined : runtimePhase(current, new Date());
  if (!phase || phase === 'supported') return drift('setting-differs', `Runtime is ${current}, wants ${wanted}`);
  return drift('runtime-deprecated', `runtime ${current} is deprecated (create blocked ${RUNTIME_CALENDAR[current!].blockCreate}); up moves it to ${wanted}`);
}

function configReasons(current: FunctionConfiguration, wanted: ReturnType<typeof wantedConfig>): Drift[] {
  const reasons: Drift[] = [];
  if (current.Runtime !== wanted.Runtime) reasons.push(runtimeDrift(current.Runtime, wanted.Runtime));
  for (const key of ['Handler', 'Role', 'Timeout', 'MemorySize'] as const) {
    if (current[key] !== wanted[key]) reasons.push(drift('setting-differs', `${key} is ${current[key]}, wants ${wanted[key]}`));
  }
  if (!sameEnv(current.Environment?.Variables, wanted.Environment.Variables)) reasons.push(drift('environment-differs'));
  return reasons;
}

/** Lambda checks the role when the function is created; a trust policy without Lambda will never work, so say so at once. */
async function assertRoleTrustsLambda(ctx: StackContext, roleArn: string) {
  const { Role } = await ctx.clients.iam.send(new GetRoleCommand({ RoleName: roleArn.split('/').pop()! }));
  const trust = Role?.AssumeRolePolicyDocument ? JSON.parse(decodeURIComponent(Role.AssumeRolePolicyDocument)) : undefined;
  if (!trustsLambda(trust)) {
    throw new Error(`role ${roleArn} does not trust lambda.amazonaws.com (its trust policy was changed by hand?); run up again to repair it`);
  }
}

const waitUntilUpdated = (ctx: StackContext, FunctionName: string) =>
  waitUntilFunctionUpdatedV2({ client: ctx.clients.lambda, ...waiterTiming(ctx.target.endpoint, 300) }, { FunctionName });

/** Sends new code and returns once Lambda reports the update Successful: from then on every invocation runs it. */
export async function updateCode(ctx: StackContext, FunctionName: string, zip: Uint8Array): Promise<void> {
  await ctx.clients.lambda.send(new UpdateFunctionCodeCommand({ FunctionName, ZipFile: zip }));
  ctx.progress('waiting for the code update');
  await waitUntilUpdated(ctx, FunctionName);
}

function functionResource(fn: Fn): Resource<FunctionState> {
  const fnName = (ctx: StackContext) => (fn === 'producer' ? ctx.names.producer : ctx.names.consumer);
  const setOutput = (ctx: StackContext, arn: string | undefined) => {
    if (fn === 'producer') ctx.outputs.producerArn = arn;
    else ctx.outputs.consumerArn = arn;
  };
  const waitUpdated = (ctx: StackContext) => waitUntilUpdated(ctx, fnName(ctx));

  return {
    id: `function:${fn}`,
    after: fn === 'producer' ? ['role:producer', 'queue', 'table'] : ['role:consumer', 'table', 'bucket', 'queue'],
    name: fnName,

    read: (ctx) =>
      unlessNotFound(async () => {
        const got = await ctx.clients.lambda.send(new GetFunctionCommand({ FunctionName: fnName(ctx) }));
        return { config: got.Configuration!, tags: got.Tags ?? {} };
      }),

    diff(ctx, current) {
      if (!current) return [drift('absent')];
      const reasons = configReasons(current.config, wantedConfig(ctx, fn));
      if (current.config.CodeSha256 !== ctx.code[fn].sha256) reasons.push(drift('code-changed'));
      if (current.config.State === 'Failed') reasons.push(drift('state-failed'));
      if (missingTags(current.tags, ctx.tags).length) reasons.push(drift('tags-missing'));
      return reasons;
    },

    async apply(ctx, current, reasons) {
      const lambda = ctx.clients.lambda;
      const FunctionName = fnName(ctx);
      const wanted = wantedConfig(ctx, fn);
      if (!current) {
        await assertRoleTrustsLambda(ctx, wanted.Role!);
        const created = await retry(
          () =>
            lambda.send(
              new CreateFunctionCommand({
                FunctionName,
                ...wanted,
                Code: { ZipFile: ctx.code[fn].zip },
                Architectures: [ctx.target.kind === 'aws' && !ctx.target.endpoint ? 'arm64' : 'x86_64'],
                Description: `bus-cli ${fn} (stack ${ctx.names.stack})`,
                Tags: ctx.tags,
              }),
            ),
          (err) => errorName(err) === 'InvalidParameterValueException' && ROLE_NOT_ASSUMABLE.test((err as Error).message),
          { ...ROLE_PROPAGATION_RETRY, onRetry: (_e, n) => ctx.progress(`waiting for the new IAM role to reach Lambda (try ${n + 1})`) },
        );
        setOutput(ctx, created.FunctionArn);
        ctx.progress('waiting for the function to be Active');
        await waitUntilFunctionActiveV2({ client: lambda, ...waiterTiming(ctx.target.endpoint, 300) }, { FunctionName });
        return;
      }
      setOutput(ctx, current.config.FunctionArn);
      // A previous run may have been cut off during an update: Lambda refuses another until it settles.
      await waitUpdated(ctx);
      // Configuration first: AWS refuses a code update while the function names a runtime past its
      // block-update date, so a move off such a runtime must land before the new code (and new code
      // that reads a new variable finds it already set).
      if (configReasons(current.config, wanted).length) {
        await retry(
          () => lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName, ...wanted })),
          (err) => errorName(err) === 'ResourceConflictException',
          { attempts: 10, baseDelayMs: 500, maxDelayMs: 5_000 },
        );
        ctx.progress('waiting for the configuration update');
        await waitUpdated(ctx);
      }
      if (hasDrift(reasons, 'code-changed')) {
        await updateCode(ctx, FunctionName, ctx.code[fn].zip);
      }
      if (hasDrift(reasons, 'tags-missing')) {
        await lambda.send(new TagResourceCommand({ Resource: current.config.FunctionArn, Tags: ctx.tags }));
      }
    },

    outputs(ctx, current) {
      setOutput(ctx, current.config.FunctionArn);
    },

    destroy: (ctx) => deleteFunction(ctx, fnName(ctx)),

    describe: (_ctx, current) =>
      `${current.config.State ?? '?'} / ${current.config.LastUpdateStatus ?? '?'}, ${current.config.Runtime}, ${current.config.MemorySize} MB`,
  };
}

/** Deletes a function once its event source mappings are gone; false when there was none. */
export async function deleteFunction(ctx: StackContext, FunctionName: string): Promise<boolean> {
  await waitForMappingsGone(ctx, FunctionName);
  try {
    await retry(
      () => ctx.clients.lambda.send(new DeleteFunctionCommand({ FunctionName })),
      (err) => errorName(err) === 'ResourceConflictException',
      { attempts: 20, baseDelayMs: 500, maxDelayMs: 3_000 },
    );
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}

/** A function whose event source mapping is still Deleting cannot be cleanly deleted: wait it out. */
async function waitForMappingsGone(ctx: StackContext, FunctionName: string) {
  for (let i = 0; i < 120; i++) {
    let list: ListEventSourceMappingsCommandOutput;
    try {
      list = await ctx.clients.lambda.send(new ListEventSourceMappingsCommand({ FunctionName }));
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    if (!(list.EventSourceMappings ?? []).length) return;
    ctx.progress(`waiting for ${list.EventSourceMappings!.length} event source mapping(s) to finish deleting`);
    await sleep(500);
  }
}

export const producerFunction = functionResource('producer');
export const consumerFunction = functionResource('consumer');
