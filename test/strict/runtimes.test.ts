import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CreateFunctionCommand,
  GetFunctionCommand,
  InvokeCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
  type CreateFunctionCommandInput,
  type Runtime,
} from '@aws-sdk/client-lambda';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { SETTINGS } from '../../src/stack/config.js';
import { stackStatus } from '../../src/stack/status.js';
import { plan } from '../../src/stack/plan.js';
import { createExecutionRole, deployFunction, zipOf } from '../../src/localcloud/services/lambda/fixtures.js';
import { NODE_CACHE_ENV } from '../../src/runtimes/node.js';
import { startTestCloud, type TestCloud } from '../helpers/cloud.js';
import { rejection, up, useSession, useStrictCloud } from './support.js';

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);
const WAITER = { maxWaitTime: 60, minDelay: 0.1, maxDelay: 0.5 };
/** Reports the Node it runs on, as a function on AWS would see it. */
const WHO_AM_I = { 'index.mjs': 'export const handler = async () => ({ node: process.version, env: process.env.AWS_EXECUTION_ENV });' };
const CALLBACK_HANDLER = { 'index.mjs': 'export const handler = (event, context, callback) => callback(null, { via: "callback" });' };
const BLOCKED = (runtime: string) =>
  `The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.`;

const payloadOf = (r: { Payload?: Uint8Array }) => JSON.parse(Buffer.from(r.Payload!).toString());

describe("AWS's runtime calendar in the embedded cloud, by the cloud's clock (issue 10)", () => {
  const cloud = useStrictCloud({ timings: { rolePropagationMs: 0 } });
  let role: string;
  const create = (FunctionName: string, runtime: string, extra: Partial<CreateFunctionCommandInput> = {}) =>
    cloud().clients.lambda.send(
      new CreateFunctionCommand({
        FunctionName,
        Runtime: runtime as Runtime,
        Role: role,
        Handler: 'index.handler',
        Code: { ZipFile: zipOf(WHO_AM_I) },
        ...extra,
      }),
    );
  const active = (FunctionName: string) => waitUntilFunctionActiveV2({ client: cloud().clients.lambda, ...WAITER }, { FunctionName });
  const updated = (FunctionName: string) => waitUntilFunctionUpdatedV2({ client: cloud().clients.lambda, ...WAITER }, { FunctionName });

  beforeAll(async () => {
    role = await createExecutionRole(cloud(), 'calendar-role');
  });
  afterAll(() => cloud().cloud.clock.reset());

  it('refuses nodejs20.x at create today (blocked 2026-08-31) with AWS recorded error, and takes nodejs24.x', async () => {
    cloud().cloud.clock.reset();
    const refused = await rejection(create('on-20', 'nodejs20.x'));
    expect([refused.name, refused.$metadata?.httpStatusCode, refused.message]).toEqual(['InvalidParameterValueException', 400, BLOCKED('nodejs20.x')]);

    const made = await create('on-24', 'nodejs24.x');
    expect(made).toMatchObject({
      Runtime: 'nodejs24.x',
      State: 'Pending',
      RuntimeVersionConfig: { RuntimeVersionArn: expect.stringMatching(/::runtime:[0-9a-f]{64}$/) },
    });
    await active('on-24');
    const got = await cloud().clients.lambda.send(new GetFunctionCommand({ FunctionName: 'on-24' }));
    expect(got.Configuration).toMatchObject({ Runtime: 'nodejs24.x', RuntimeVersionConfig: made.RuntimeVersionConfig });
  });

  it('takes nodejs22.x today and refuses it once the clock reads 2027-06-02 (create blocked 2027-06-01)', async () => {
    cloud().cloud.clock.reset();
    await create('on-22-today', 'nodejs22.x');
    cloud().cloud.clock.set(day('2027-06-02'));
    const refused = await rejection(create('on-22-later', 'nodejs22.x'));
    expect([refused.name, refused.message]).toEqual(['InvalidParameterValueException', BLOCKED('nodejs22.x')]);
    cloud().cloud.clock.reset();
  });

  it('refuses any update of a function whose runtime is past block-update, but lets it move to a supported runtime', async () => {
    const lambda = cloud().clients.lambda;
    cloud().cloud.clock.set(day('2026-08-01')); // deprecated, not yet blocked: AWS still created nodejs20.x functions
    await create('legacy', 'nodejs20.x');
    await active('legacy');
    cloud().cloud.clock.reset(); // today: past 2026-09-30

    const code = await rejection(lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'legacy', ZipFile: zipOf(WHO_AM_I) })));
    expect([code.name, code.message]).toEqual(['InvalidParameterValueException', BLOCKED('nodejs20.x')]);
    const config = await rejection(lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'legacy', Description: 'still 20' })));
    expect([config.name, config.message]).toEqual(['InvalidParameterValueException', BLOCKED('nodejs20.x')]);
    const sideways = await rejection(lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'legacy', Runtime: 'nodejs18.x' })));
    expect(sideways.message).toBe(BLOCKED('nodejs18.x'));

    const moved = await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'legacy', Runtime: 'nodejs24.x' }));
    expect(moved.Runtime).toBe('nodejs24.x');
    await updated('legacy');
    await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'legacy', ZipFile: zipOf(WHO_AM_I) }));
    await updated('legacy');
    expect(payloadOf(await lambda.send(new InvokeCommand({ FunctionName: 'legacy' }))).node).toMatch(/^v24\./);
  });

  it('answers an unknown runtime as AWS does: InvalidParameterValueException listing the runtimes it creates functions with', async () => {
    const refused = await rejection(create('typo', 'nodejs99.x'));
    expect(refused.name).toBe('InvalidParameterValueException');
    expect(refused.$metadata?.httpStatusCode).toBe(400);
    expect(refused.message).toMatch(
      /^Value nodejs99\.x at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: \[.*\] or be a valid ARN$/,
    );
    const listed = /\[(.*)\]/.exec(refused.message)![1].split(', ');
    expect(listed).toEqual(expect.arrayContaining(['nodejs22.x', 'nodejs24.x', 'python3.14', 'java25', 'ruby4.0']));
    expect(listed).not.toContain('nodejs20.x'); // blocked today: AWS lists only what it still creates
    const upper = await rejection(create('upper', 'NODEJS24.X'));
    expect(upper.message).toMatch(/^Value NODEJS24\.X at 'runtime'/);
  });

  it('runs each runtime on its own Node major, and says so in AWS_EXECUTION_ENV', async () => {
    cloud().cloud.clock.reset();
    await active('on-22-today');
    const lambda = cloud().clients.lambda;
    expect(payloadOf(await lambda.send(new InvokeCommand({ FunctionName: 'on-24' })))).toEqual({
      node: expect.stringMatching(/^v24\./),
      env: 'AWS_Lambda_nodejs24.x',
    });
    expect(payloadOf(await lambda.send(new InvokeCommand({ FunctionName: 'on-22-today' })))).toEqual({
      node: expect.stringMatching(/^v22\./),
      env: 'AWS_Lambda_nodejs22.x',
    });
  });

  it('refuses a callback handler at init on nodejs24.x and runs it, with the runtime client warning, on nodejs22.x', async () => {
    const lambda = cloud().clients.lambda;
    await deployFunction(cloud(), 'callback-24', role, CALLBACK_HANDLER, { Runtime: 'nodejs24.x' });
    const refused = await lambda.send(new InvokeCommand({ FunctionName: 'callback-24' }));
    expect(refused.FunctionError).toBe('Unhandled');
    expect(payloadOf(refused)).toMatchObject({
      errorType: 'Runtime.CallbackHandlerDeprecated',
      errorMessage: expect.stringContaining('AWS Lambda has removed support for callback-based function handlers starting with Node.js 24'),
    });

    await deployFunction(cloud(), 'callback-22', role, CALLBACK_HANDLER, { Runtime: 'nodejs22.x' });
    const ran = await lambda.send(new InvokeCommand({ FunctionName: 'callback-22' }));
    expect(payloadOf(ran)).toEqual({ via: 'callback' });
    expect(ran.FunctionError).toBeUndefined();
    const logged = await cloud().clients.logs.send(
      new FilterLogEventsCommand({ logGroupName: '/aws/lambda/callback-22', filterPattern: '"callback-based function handlers"' }),
    );
    expect(logged.events?.map((e) => e.message)).toEqual([
      expect.stringMatching(/\tWARN\tAWS Lambda plans to remove support for callback-based function handlers starting with Node\.js 24/),
    ]);
  });
});

describe('up migrates a stack made with nodejs20.x, configuration before code, in one run (issue 10)', () => {
  const cloud = useStrictCloud();
  const session = useSession(cloud, 'legacy');

  it('status names the deprecated runtime, and one up moves both functions to nodejs24.x with the new code', async () => {
    const { ctx } = session();
    const lambda = cloud().clients.lambda;
    // The stack as an older bus-cli left it: made while AWS still took nodejs20.x, with older code.
    cloud().cloud.clock.set(day('2026-08-01'));
    await up(session());
    const oldCode = zipOf({ 'index.mjs': 'export const handler = async () => ({ statusCode: 200, body: "old" });' });
    for (const FunctionName of [ctx.names.producer, ctx.names.consumer]) {
      await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName, Runtime: 'nodejs20.x' }));
      await waitUntilFunctionUpdatedV2({ client: lambda, ...WAITER }, { FunctionName });
      await lambda.send(new UpdateFunctionCodeCommand({ FunctionName, ZipFile: oldCode }));
      await waitUntilFunctionUpdatedV2({ client: lambda, ...WAITER }, { FunctionName });
    }
    cloud().cloud.clock.reset();
    // Today a code update alone is refused: the order up uses is what makes the migration possible.
    const codeFirst = await rejection(lambda.send(new UpdateFunctionCodeCommand({ FunctionName: ctx.names.producer, ZipFile: ctx.code.producer.zip })));
    expect(codeFirst.message).toBe(BLOCKED('nodejs20.x'));

    const status = await stackStatus(ctx);
    const producer = status.resources.find((r) => r.id === 'function:producer')!;
    expect(producer.state).toBe('drift');
    expect(producer.drift).toContain('runtime nodejs20.x is deprecated (create blocked 2026-08-31); up moves it to nodejs24.x');

    await up(session());
    for (const FunctionName of [ctx.names.producer, ctx.names.consumer]) {
      const { Configuration } = await lambda.send(new GetFunctionCommand({ FunctionName }));
      expect(Configuration).toMatchObject({ Runtime: 'nodejs24.x', LastUpdateStatus: 'Successful' });
    }
    expect((await lambda.send(new GetFunctionCommand({ FunctionName: ctx.names.producer }))).Configuration?.CodeSha256).toBe(ctx.code.producer.sha256);
    expect((await plan(ctx)).changes.filter((c) => c.action !== 'none')).toEqual([]);
  });
});

describe("a runtime whose Node cannot be fetched runs on the host's Node, with one loud warning (issue 10)", () => {
  let t: TestCloud;
  const env = { cache: process.env[NODE_CACHE_ENV], registry: process.env.npm_config_registry };
  beforeAll(async () => {
    // An empty cache and a registry nothing answers at (loopback): offline, as far as the fetch can tell.
    process.env[NODE_CACHE_ENV] = mkdtempSync(join(tmpdir(), 'bus-cli-node-cache-'));
    process.env.npm_config_registry = 'http://127.0.0.1:9/';
    t = await startTestCloud();
  });
  afterAll(async () => {
    await t.stop();
    for (const [key, value] of [
      [NODE_CACHE_ENV, env.cache],
      ['npm_config_registry', env.registry],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('creates, warns once, invokes on the host Node, and the health lists the stand-in', async () => {
    const stderr = vi.spyOn(process.stderr, 'write');
    const role = await createExecutionRole(t, 'offline-role');
    await deployFunction(t, 'offline', role, WHO_AM_I, { Runtime: 'nodejs22.x' });
    const out = await t.clients.lambda.send(new InvokeCommand({ FunctionName: 'offline' }));
    expect(payloadOf(out)).toEqual({ node: process.version, env: 'AWS_Lambda_nodejs22.x' });
    const warnings = stderr.mock.calls.map(([chunk]) => String(chunk)).filter((line) => line.startsWith('warning: Node 22 for nodejs22.x is not here'));
    stderr.mockRestore();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/ECONNREFUSED 127\.0\.0\.1:9\); its functions run on the host's Node v\d+/);
    expect(t.cloud.health().runtimes.find((r) => r.runtime === 'nodejs22.x')).toMatchObject({ source: 'fallback', version: process.version });
  });
});

it('the stack deploys the runtime AWS still creates functions with until 2028', () => {
  expect(SETTINGS.runtime).toBe('nodejs24.x');
});
