import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { InvokeCommand, PutFunctionConcurrencyCommand, TooManyRequestsException, UpdateFunctionCodeCommand } from '@aws-sdk/client-lambda';
import { DescribeLogStreamsCommand, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { startTestCloud, type TestCloud } from '../../../../test/helpers/cloud.js';
import { createExecutionRole, deployFunction, zipOf } from './fixtures.js';
import { LAMBDA_ISOLATIONS } from '../../core/constants.js';

/** Reports what the function sees: its environment, its context, and a per-environment counter that proves warm reuse. */
const INTROSPECT = `
let calls = 0;
export const handler = async (event, context) => {
  calls += 1;
  console.log('introspect', JSON.stringify(event));
  if (event.sleepMs) await new Promise((r) => setTimeout(r, event.sleepMs));
  return {
    calls,
    environment: context.logStreamName,
    env: process.env,
    argv: process.argv.slice(2),
    pid: process.pid,
    context: {
      awsRequestId: context.awsRequestId,
      functionName: context.functionName,
      functionVersion: context.functionVersion,
      invokedFunctionArn: context.invokedFunctionArn,
      memoryLimitInMB: context.memoryLimitInMB,
      logGroupName: context.logGroupName,
      logStreamName: context.logStreamName,
      remaining: context.getRemainingTimeInMillis(),
    },
  };
};`;

const payloadOf = (r: { Payload?: Uint8Array }) => JSON.parse(Buffer.from(r.Payload!).toString());

describe.each(LAMBDA_ISOLATIONS)('lambda runtime (warm workers, one %s each)', (isolation) => {
  let t: TestCloud;
  let role: string;
  const invoke = (FunctionName: string, event: unknown = {}, extra: Partial<ConstructorParameters<typeof InvokeCommand>[0]> = {}) =>
    t.clients.lambda.send(new InvokeCommand({ FunctionName, Payload: Buffer.from(JSON.stringify(event)), ...extra }));

  beforeAll(async () => {
    t = await startTestCloud({ lambdaIsolation: isolation });
    role = await createExecutionRole(t, 'runtime');
    await deployFunction(t, 'introspect', role, { 'index.mjs': INTROSPECT }, { Environment: { Variables: { STATS_TABLE: 'aram-stats' } }, MemorySize: 256 });
  });
  afterAll(() => t.stop());

  it("gives the handler Lambda's environment, role credentials and context", async () => {
    const { env, context } = payloadOf(await invoke('introspect'));
    expect(env).toMatchObject({
      STATS_TABLE: 'aram-stats',
      AWS_REGION: t.region,
      AWS_DEFAULT_REGION: t.region,
      AWS_LAMBDA_FUNCTION_NAME: 'introspect',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/introspect',
      _HANDLER: 'index.handler',
      AWS_ENDPOINT_URL: t.cloud.endpoint,
    });
    expect(env.LAMBDA_TASK_ROOT).toContain(join('lambda', 'introspect'));
    // Keys IAM minted for the execution role: the edge will check the role's policies.
    expect(env.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
    expect(t.cloud.principalFor(env.AWS_ACCESS_KEY_ID)).toMatchObject({ kind: 'role', roleName: 'runtime' });
    expect(context).toMatchObject({
      functionName: 'introspect',
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:${t.region}:000000000000:function:introspect`,
      memoryLimitInMB: '256',
      logGroupName: '/aws/lambda/introspect',
    });
    expect(context.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(context.remaining).toBeGreaterThan(0);
    expect(context.remaining).toBeLessThanOrEqual(3000);
  });

  it("keeps the process's own variables (few malloc arenas) out of the function's environment and argv", async () => {
    const { env, argv, pid } = payloadOf(await invoke('introspect'));
    expect(env.MALLOC_ARENA_MAX).toBeUndefined();
    expect(argv).toEqual([]);
    // A process of its own starts with them (glibc reads them at exec); a thread shares the cloud's (this) process.
    // Thread isolation too runs a function in a process when its runtime's Node is not the cloud's. /proc: Linux only.
    const ownProcess = (p: number) => p !== process.pid && process.platform === 'linux';
    if (ownProcess(pid)) expect(readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')).toContain('MALLOC_ARENA_MAX=2');
    // The function's own setting is the function's: kept, and the process's.
    await deployFunction(t, 'own-arenas', role, { 'index.mjs': INTROSPECT }, { Environment: { Variables: { MALLOC_ARENA_MAX: '8' } } });
    const own = payloadOf(await invoke('own-arenas'));
    expect(own.env.MALLOC_ARENA_MAX).toBe('8');
    if (ownProcess(own.pid)) expect(readFileSync(`/proc/${own.pid}/environ`, 'utf8').split('\0')).toContain('MALLOC_ARENA_MAX=8');
    // The cloud's own setting (yours, for a detached cloud) wins over the default of 2, and is hidden just the same.
    process.env.MALLOC_ARENA_MAX = '3';
    try {
      await deployFunction(t, 'cloud-arenas', role, { 'index.mjs': INTROSPECT });
      const cloudSet = payloadOf(await invoke('cloud-arenas'));
      expect(cloudSet.env.MALLOC_ARENA_MAX).toBeUndefined();
      if (ownProcess(cloudSet.pid)) expect(readFileSync(`/proc/${cloudSet.pid}/environ`, 'utf8').split('\0')).toContain('MALLOC_ARENA_MAX=3');
    } finally {
      delete process.env.MALLOC_ARENA_MAX;
    }
  });

  it('reuses a warm worker for sequential invocations', async () => {
    const first = payloadOf(await invoke('introspect'));
    const second = payloadOf(await invoke('introspect'));
    expect(second.environment).toBe(first.environment);
    expect(second.calls).toBe(first.calls + 1);
  });

  it('grows the pool for concurrent invocations, one invocation per worker at a time', async () => {
    // Each invocation waits until four are running at once: they all finish only if four workers run side by side.
    const barrier = `
      import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
      export const handler = async ({ dir, n }, context) => {
        mkdirSync(dir, { recursive: true });
        writeFileSync(dir + '/' + context.logStreamName.slice(-32), '');
        while (readdirSync(dir).length < n) await new Promise((r) => setTimeout(r, 20));
        return { environment: context.logStreamName };
      };`;
    await deployFunction(t, 'barrier', role, { 'index.mjs': barrier }, { Timeout: 20 });
    // Reserved concurrency lets the pool grow past its per-machine default (one worker per core beyond the cloud's).
    await t.clients.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'barrier', ReservedConcurrentExecutions: 4 }));
    const dir = join(t.cloud.options.stateDir, `barrier-${isolation}`);
    const results = await Promise.all(Array.from({ length: 4 }, () => invoke('barrier', { dir, n: 4 })));
    expect(results.map((r) => r.FunctionError)).toEqual([undefined, undefined, undefined, undefined]);
    expect(new Set(results.map((r) => payloadOf(r).environment)).size).toBe(4);
  });

  it('writes START/END/REPORT and the console output to CloudWatch Logs and the log file', async () => {
    const result = await invoke('introspect', { hello: 'logs' }, { LogType: 'Tail' });
    const requestId = payloadOf(result).context.awsRequestId;
    const tail = Buffer.from(result.LogResult!, 'base64').toString();
    expect(tail).toContain(`START RequestId: ${requestId} Version: $LATEST`);
    expect(tail).toMatch(
      new RegExp(`REPORT RequestId: ${requestId}\\tDuration: [\\d.]+ ms\\tBilled Duration: \\d+ ms\\tMemory Size: 256 MB\\tMax Memory Used: \\d+ MB`),
    );

    const found = await t.clients.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/introspect', filterPattern: requestId }));
    const messages = found.events!.map((e) => e.message!);
    expect(messages[0]).toBe(`START RequestId: ${requestId} Version: $LATEST`);
    expect(messages[1]).toMatch(new RegExp(`^\\S+Z\\t${requestId}\\tINFO\\tintrospect \\{"hello":"logs"\\}$`));
    expect(messages[2]).toBe(`END RequestId: ${requestId}`);
    expect(messages[3]).toMatch(/^REPORT /);
    const streams = await t.clients.logs.send(new DescribeLogStreamsCommand({ logGroupName: '/aws/lambda/introspect' }));
    expect(streams.logStreams?.map((s) => s.logStreamName)).toContain(found.events![0].logStreamName);

    const file = join(t.cloud.options.stateDir, 'logs', 'introspect.log');
    await vi.waitFor(() => expect(existsSync(file) && readFileSync(file, 'utf8')).toContain(`END RequestId: ${requestId}`), { timeout: 5000 });
  });

  it('reports a thrown error as an Unhandled function error', async () => {
    await deployFunction(t, 'thrower', role, { 'index.mjs': "export const handler = async () => { throw new TypeError('no seats left'); };" });
    const result = await invoke('thrower');
    expect(result.FunctionError).toBe('Unhandled');
    expect(result.StatusCode).toBe(200);
    const body = payloadOf(result);
    expect(body).toMatchObject({ errorType: 'TypeError', errorMessage: 'no seats left' });
    expect(body.trace[0]).toBe('TypeError: no seats left');
  });

  it('kills a worker that times out and answers with the timeout error', async () => {
    await deployFunction(t, 'sleeper', role, { 'index.mjs': INTROSPECT }, { Timeout: 1 });
    const warm = payloadOf(await invoke('sleeper'));
    const result = await invoke('sleeper', { sleepMs: 60_000 });
    expect(result.FunctionError).toBe('Unhandled');
    const { errorMessage } = payloadOf(result);
    expect(errorMessage).toMatch(/^\d{4}-\d{2}-\d{2}T\S+Z [0-9a-f-]{36} Task timed out after 1\.00 seconds$/);
    const after = payloadOf(await invoke('sleeper'));
    expect(after.environment).not.toBe(warm.environment);
    expect(after.calls).toBe(1);
  });

  it('reports a worker that exits mid-invocation as Runtime.ExitError', async () => {
    await deployFunction(t, 'quitter', role, { 'index.mjs': "export const handler = async () => { console.log('bye'); process.exit(3); };" });
    const result = await invoke('quitter', {}, { LogType: 'Tail' });
    expect(result.FunctionError).toBe('Unhandled');
    expect(payloadOf(result)).toMatchObject({
      errorType: 'Runtime.ExitError',
      errorMessage: expect.stringMatching(/Runtime exited with error: exit status 3$/),
    });
    expect(Buffer.from(result.LogResult!, 'base64').toString()).toContain('bye');
  });

  it('kills an environment that outgrows its memory, as Lambda does, and starts a fresh one', async () => {
    const hog = `const kept = [];
      export const handler = async (event, context) => {
        if (event.hog) for (;;) kept.push(new Array(1e6).fill(Math.random()));
        return { environment: context.logStreamName };
      };`;
    await deployFunction(t, 'hog', role, { 'index.mjs': hog }, { MemorySize: 128, Timeout: 30 });
    const before = payloadOf(await invoke('hog'));
    const result = await invoke('hog', { hog: true }, { LogType: 'Tail' });
    expect(result.FunctionError).toBe('Unhandled');
    expect(payloadOf(result)).toMatchObject({
      errorType: 'Runtime.ExitError',
      errorMessage: expect.stringMatching(/Runtime exited with error: signal: killed$/),
    });
    expect(Buffer.from(result.LogResult!, 'base64').toString()).toMatch(/Memory Size: 128 MB\tMax Memory Used: 128 MB/);
    expect(payloadOf(await invoke('hog')).environment).not.toBe(before.environment);
  });

  it('fails the invocation on an unhandled rejection and replaces the worker', async () => {
    const escaping = `
      export const handler = async (event, context) => {
        if (event.escape) { Promise.reject(new Error('nobody awaits me')); await new Promise((r) => setTimeout(r, 1000)); }
        return { environment: context.logStreamName };
      };`;
    await deployFunction(t, 'escaper', role, { 'index.mjs': escaping });
    const before = payloadOf(await invoke('escaper'));
    const failed = await invoke('escaper', { escape: true });
    expect(failed.FunctionError).toBe('Unhandled');
    expect(payloadOf(failed)).toMatchObject({ errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: 'Error: nobody awaits me' });
    expect(payloadOf(await invoke('escaper')).environment).not.toBe(before.environment);
  });

  it('runs CommonJS callback handlers in nested folders (nodejs22.x: nodejs24.x has no callback handlers)', async () => {
    const cjs = 'exports.main = (event, context, callback) => { setTimeout(() => callback(null, { doubled: event.n * 2 }), 5); };';
    await deployFunction(t, 'cjs', role, { 'src/app.js': cjs }, { Handler: 'src/app.main', Runtime: 'nodejs22.x' });
    expect(payloadOf(await invoke('cjs', { n: 21 }))).toEqual({ doubled: 42 });
  });

  it("resolves a CommonJS require() of a path in the zip from any folder, through Lambda's NODE_PATH", async () => {
    const files = {
      'src/handlers/app.js':
        "const { greet } = require('shared/greeting'); exports.handler = async () => ({ greeting: greet(), nodePath: process.env.NODE_PATH, taskRoot: process.env.LAMBDA_TASK_ROOT });",
      'shared/greeting.js': "exports.greet = () => 'annyeong';",
    };
    await deployFunction(t, 'node-path', role, files, { Handler: 'src/handlers/app.handler' });
    const { greeting, nodePath, taskRoot } = payloadOf(await invoke('node-path'));
    expect(greeting).toBe('annyeong');
    expect(nodePath).toBe(taskRoot);
    // The function's own NODE_PATH is the function's, as the bootstrap leaves one it finds.
    await deployFunction(t, 'own-node-path', role, { 'index.mjs': INTROSPECT }, { Environment: { Variables: { NODE_PATH: '/opt/mine' } } });
    expect(payloadOf(await invoke('own-node-path')).env.NODE_PATH).toBe('/opt/mine');
    // An empty one counts as none, as the bootstrap's test is [ -z "$NODE_PATH" ].
    await deployFunction(t, 'empty-node-path', role, { 'index.mjs': INTROSPECT }, { Environment: { Variables: { NODE_PATH: '' } } });
    const empty = payloadOf(await invoke('empty-node-path')).env;
    expect(empty.NODE_PATH).toBe(empty.LAMBDA_TASK_ROOT);
  });

  it('turns off the Node features Lambda disables on nodejs22.x, unless NODE_OPTIONS turns them back on', async () => {
    const files = {
      'index.js': "exports.handler = async () => { try { return { loaded: require('./esm.mjs').kind }; } catch (err) { return { refused: err.code }; } };",
      'esm.mjs': "export const kind = 'es module';",
      'detected.js': 'export const handler = async () => ({ detected: true });',
    };
    await deployFunction(t, 'node22-experiments', role, files, { Runtime: 'nodejs22.x' });
    expect(payloadOf(await invoke('node22-experiments'))).toEqual({ refused: 'ERR_REQUIRE_ESM' });
    await deployFunction(t, 'node22-detect', role, files, { Runtime: 'nodejs22.x', Handler: 'detected.handler' });
    expect(payloadOf(await invoke('node22-detect'))).toMatchObject({ errorType: 'Runtime.UserCodeSyntaxError' });
    const reEnabled = { Variables: { NODE_OPTIONS: '--experimental-require-module --experimental-detect-module' } };
    await deployFunction(t, 'node22-require-esm', role, files, { Runtime: 'nodejs22.x', Environment: reEnabled });
    expect(payloadOf(await invoke('node22-require-esm'))).toEqual({ loaded: 'es module' });
    // nodejs24.x keeps both, as Node 24 has them.
    await deployFunction(t, 'node24-require-esm', role, files);
    expect(payloadOf(await invoke('node24-require-esm'))).toEqual({ loaded: 'es module' });
  });

  it('fails invocations whose handler is missing as Lambda does', async () => {
    await deployFunction(t, 'no-export', role, { 'index.mjs': 'export const other = () => 1;' });
    expect(payloadOf(await invoke('no-export'))).toMatchObject({
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: 'index.handler is undefined or not exported',
    });
    await deployFunction(t, 'no-module', role, { 'index.mjs': 'export const handler = () => 1;' }, { Handler: 'missing.handler' });
    expect(payloadOf(await invoke('no-module'))).toMatchObject({ errorType: 'Runtime.ImportModuleError' });
  });

  it('serves new code from new workers after UpdateFunctionCode', async () => {
    const old = payloadOf(await invoke('sleeper'));
    await t.clients.lambda.send(
      new UpdateFunctionCodeCommand({
        FunctionName: 'sleeper',
        ZipFile: zipOf({ 'index.mjs': 'export const handler = async (event, context) => ({ environment: context.logStreamName, v: 2 });' }),
      }),
    );
    const fresh = payloadOf(await invoke('sleeper'));
    expect(fresh.v).toBe(2);
    expect(fresh.environment).not.toBe(old.environment);
  });

  it('answers Event with 202 and runs it in the background, and DryRun with 204', async () => {
    const marker = `event-${Date.now()}`;
    const accepted = await invoke('introspect', { marker }, { InvocationType: 'Event' });
    expect(accepted.StatusCode).toBe(202);
    await vi.waitFor(
      async () => {
        const found = await t.clients.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/introspect', filterPattern: marker }));
        expect(found.events).toHaveLength(1);
      },
      { timeout: 5000 },
    );
    expect((await invoke('introspect', {}, { InvocationType: 'DryRun' })).StatusCode).toBe(204);
  });

  it('refuses a payload that is not JSON', async () => {
    await expect(t.clients.lambda.send(new InvokeCommand({ FunctionName: 'introspect', Payload: Buffer.from('{oops') }))).rejects.toMatchObject({
      name: 'InvalidRequestContentException',
    });
  });

  it('throttles synchronous invocations beyond the reserved concurrency', async () => {
    await deployFunction(t, 'single', role, { 'index.mjs': INTROSPECT });
    await t.clients.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'single', ReservedConcurrentExecutions: 1 }));
    const outcomes = await Promise.allSettled([invoke('single', { sleepMs: 500 }), invoke('single', { sleepMs: 500 })]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(TooManyRequestsException);
  });

  it('invokes through the in-process LambdaApi that API Gateway uses', async () => {
    const result = await t.cloud.api('lambda').invoke('introspect', JSON.stringify({ via: 'api' }), t.region);
    expect(result).toMatchObject({ statusCode: 200, executedVersion: '$LATEST', functionError: undefined });
    expect(JSON.parse(result.payload.toString()).context.functionName).toBe('introspect');
  });
});
