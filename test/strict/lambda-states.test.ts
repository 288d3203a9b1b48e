import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import type { Resource } from '../../src/stack/context.js';
import { producerRole } from '../../src/stack/resources/roles.js';
import { producerFunction } from '../../src/stack/resources/functions.js';
import { createExecutionRole, createFunctionCommand, zipOf } from '../../src/localcloud/services/lambda/fixtures.js';
import { progressRecorder, rejection, up, useSession, useStrictCloud } from './support.js';
import { SETTINGS } from '../../src/stack/config.js';

/** Long enough that two calls in a row land inside one update. */
const FUNCTION_UPDATE_MS = 600;
const ROLE_AND_FUNCTION = [producerRole, producerFunction] as Resource<unknown>[];
const WAITER = { maxWaitTime: 20, minDelay: 0.1, maxDelay: 0.5 };

describe('Lambda Pending / InProgress states (issue 5, behaviour 2)', () => {
  const cloud = useStrictCloud({ timings: { rolePropagationMs: 0, functionUpdateMs: FUNCTION_UPDATE_MS } });

  it('the cloud: Pending after CreateFunction, InProgress after an update, a second update meanwhile is a ResourceConflictException', async () => {
    const lambda = cloud().clients.lambda;
    const FunctionName = 'states';
    const Role = await createExecutionRole(cloud(), 'states-role');
    const created = await lambda.send(createFunctionCommand(FunctionName, Role));
    expect([created.State, created.LastUpdateStatus]).toEqual(['Pending', 'InProgress']);
    const pendingInvoke = await rejection(lambda.send(new InvokeCommand({ FunctionName })));
    expect([pendingInvoke.name, pendingInvoke.message]).toEqual([
      'ResourceConflictException',
      'The operation cannot be performed at this time. The function is currently in the following state: Pending',
    ]);
    await waitUntilFunctionActiveV2({ client: lambda, ...WAITER }, { FunctionName });

    const updated = await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName, MemorySize: 256 }));
    expect([updated.State, updated.LastUpdateStatus]).toEqual(['Active', 'InProgress']);
    const second = await rejection(lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName, MemorySize: 512 })));
    expect([second.name, second.message, second.$metadata?.httpStatusCode]).toEqual([
      'ResourceConflictException',
      `The operation cannot be performed at this time. An update is in progress for resource: ${created.FunctionArn}`,
      409,
    ]);
    await waitUntilFunctionUpdatedV2({ client: lambda, ...WAITER }, { FunctionName });
    expect((await lambda.send(new GetFunctionConfigurationCommand({ FunctionName }))).LastUpdateStatus).toBe('Successful');
  });

  it('a code update serves the old revision while InProgress, then only the new, already loaded in a fresh environment', async () => {
    const lambda = cloud().clients.lambda;
    const FunctionName = 'recycled';
    const version = (v: number) => zipOf({ 'index.mjs': `console.log('loaded v${v}'); export const handler = async () => ({ v: ${v} });` });
    const Role = await createExecutionRole(cloud(), 'recycled-role');
    await lambda.send(new CreateFunctionCommand({ FunctionName, Role, Runtime: SETTINGS.runtime, Handler: 'index.handler', Code: { ZipFile: version(1) } }));
    await waitUntilFunctionActiveV2({ client: lambda, ...WAITER }, { FunctionName });
    const invokeV = async () => JSON.parse(Buffer.from((await lambda.send(new InvokeCommand({ FunctionName }))).Payload!).toString()).v as number;
    expect(await invokeV()).toBe(1);

    expect((await lambda.send(new UpdateFunctionCodeCommand({ FunctionName, ZipFile: version(2) }))).LastUpdateStatus).toBe('InProgress');
    expect(await invokeV()).toBe(1);
    await waitUntilFunctionUpdatedV2({ client: lambda, ...WAITER }, { FunctionName });
    // The warm environment of v1 was replaced by one that loaded v2 before any invocation asked for it.
    await vi.waitFor(
      async () => {
        const found = await cloud().clients.logs.send(new FilterLogEventsCommand({ logGroupName: `/aws/lambda/${FunctionName}`, filterPattern: 'loaded v2' }));
        expect(found.events).toHaveLength(1);
      },
      { timeout: 10_000 },
    );
    expect(await Promise.all([invokeV(), invokeV(), invokeV()])).toEqual([2, 2, 2]);
  });

  describe('the CLI', () => {
    const session = useSession(cloud, 'states');
    const configuration = () => cloud().clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: session().ctx.names.producer }));

    it('creates the function and waits until it is Active', async () => {
      await up(session(), undefined, ROLE_AND_FUNCTION);
      expect((await configuration()).State).toBe('Active');
    });

    it('waits out an update someone else started, then updates configuration and code one after the other', async () => {
      const { ctx } = session();
      // Another run (or a person) is changing the function right now.
      await cloud().clients.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: ctx.names.producer, Description: 'changed by hand' }));
      expect((await configuration()).LastUpdateStatus).toBe('InProgress');

      const zip = Buffer.from(zipOf({ 'index.mjs': 'export const handler = async () => ({ statusCode: 200, body: "v2" });' }));
      ctx.code = { ...ctx.code, producer: { zip, sha256: createHash('sha256').update(zip).digest('base64'), handler: 'index.handler' } };
      ctx.extraEnv = { ...ctx.extraEnv, producer: { RELEASE: 'v2' } };
      const progress = progressRecorder();
      await up(session(), progress.reporter, ROLE_AND_FUNCTION);

      // Configuration first: AWS refuses new code while the function names a runtime past its block-update date.
      expect(progress.of('function:producer')).toEqual(['waiting for the configuration update', 'waiting for the code update']);
      const after = await configuration();
      expect(after).toMatchObject({ LastUpdateStatus: 'Successful', CodeSha256: ctx.code.producer.sha256 });
      expect(after.Environment?.Variables?.RELEASE).toBe('v2');
    });
  });
});
