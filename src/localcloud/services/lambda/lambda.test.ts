import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddPermissionCommand,
  CreateFunctionCommand,
  DeleteFunctionCommand,
  DeleteFunctionConcurrencyCommand,
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  GetPolicyCommand,
  InvalidParameterValueException,
  InvokeCommand,
  ListFunctionsCommand,
  ListTagsCommand,
  PutFunctionConcurrencyCommand,
  RemovePermissionCommand,
  ResourceConflictException,
  ResourceNotFoundException,
  TagResourceCommand,
  TooManyRequestsException,
  UntagResourceCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
  LambdaClient,
} from '@aws-sdk/client-lambda';
import { SETTINGS } from '../../../stack/config.js';
import { startTestCloud, type TestCloud } from '../../../../test/helpers/cloud.js';
import { createExecutionRole, deployFunction, zipOf } from './fixtures.js';

const ECHO = { 'index.mjs': 'export const handler = async (event) => ({ version: 1, event, greeting: process.env.GREETING });' };
const payloadOf = (r: { Payload?: Uint8Array }) => JSON.parse(Buffer.from(r.Payload!).toString());

describe('lambda control plane', () => {
  let t: TestCloud;
  let role: string;
  const arnOf = (name: string) => `arn:aws:lambda:${t.region}:000000000000:function:${name}`;

  beforeAll(async () => {
    t = await startTestCloud();
    role = await createExecutionRole(t, 'control-plane');
    await deployFunction(t, 'echo', role, ECHO, { Tags: { app: 'bus' } });
  });
  afterAll(() => t.stop());

  it('reports the configuration, the code location and the CodeSha256 of the zip', async () => {
    const zip = zipOf({ 'index.mjs': 'export const handler = async () => 1;' });
    await deployFunction(t, 'described', role, { 'index.mjs': 'export const handler = async () => 1;' }, { Timeout: 10, MemorySize: 256, Description: 'demo' });
    const got = await t.clients.lambda.send(new GetFunctionCommand({ FunctionName: 'described' }));
    expect(got.Configuration).toMatchObject({
      FunctionName: 'described',
      FunctionArn: arnOf('described'),
      Runtime: SETTINGS.runtime,
      RuntimeVersionConfig: { RuntimeVersionArn: expect.stringMatching(/^arn:aws:lambda:ap-northeast-2::runtime:[0-9a-f]{64}$/) },
      Handler: 'index.handler',
      Timeout: 10,
      MemorySize: 256,
      Description: 'demo',
      CodeSha256: createHash('sha256').update(zip).digest('base64'),
      CodeSize: zip.length,
      State: 'Active',
      LastUpdateStatus: 'Successful',
      PackageType: 'Zip',
      Architectures: ['x86_64'],
    });
    const download = await fetch(got.Code!.Location!);
    expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(zip))).toBe(true);

    const config = await t.clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: arnOf('described') }));
    expect(config.Timeout).toBe(10);
  });

  it('applies the defaults: 3 s timeout, 128 MB', async () => {
    const config = await t.clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'echo' }));
    expect(config).toMatchObject({ Timeout: 3, MemorySize: 128 });
  });

  it('lists functions a page at a time', async () => {
    await deployFunction(t, 'zz-last', role, ECHO);
    const first = await t.clients.lambda.send(new ListFunctionsCommand({ MaxItems: 1 }));
    expect(first.Functions?.map((f) => f.FunctionName)).toEqual(['described']);
    const rest = await t.clients.lambda.send(new ListFunctionsCommand({ Marker: first.NextMarker }));
    expect(rest.Functions?.map((f) => f.FunctionName)).toEqual(['echo', 'zz-last']);
    expect(rest.NextMarker).toBeUndefined();
  });

  it('refuses invalid functions with the AWS errors', async () => {
    const create = (input: Partial<ConstructorParameters<typeof CreateFunctionCommand>[0]>) =>
      t.clients.lambda.send(
        new CreateFunctionCommand({
          FunctionName: 'bad',
          Runtime: SETTINGS.runtime,
          Handler: 'index.handler',
          Role: role,
          Code: { ZipFile: zipOf(ECHO) },
          ...input,
        }),
      );
    await expect(create({ FunctionName: 'echo' })).rejects.toMatchObject({ name: 'ResourceConflictException', message: 'Function already exist: echo' });
    await expect(create({ Timeout: 901 })).rejects.toMatchObject({
      name: 'ValidationException',
      message: "1 validation error detected: Value '901' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900",
    });
    await expect(create({ MemorySize: 64 })).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(create({ Runtime: 'python3.12' })).rejects.toBeInstanceOf(InvalidParameterValueException);
    await expect(create({ Environment: { Variables: { AWS_REGION: 'x' } } })).rejects.toThrow(/Reserved keys used in this request: AWS_REGION/);
    await expect(create({ Role: 'arn:aws:iam::000000000000:role/missing' })).rejects.toThrow('The role defined for the function cannot be assumed by Lambda.');
    await expect(create({ Code: { ZipFile: Buffer.from('not a zip') } })).rejects.toThrow(
      'Could not unzip uploaded file. Please check your file, then try to upload again.',
    );
  });

  it('updates code and configuration, and invocations run the new revision', async () => {
    const before = await t.clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'echo' }));
    expect(payloadOf(await t.clients.lambda.send(new InvokeCommand({ FunctionName: 'echo' }))).version).toBe(1);

    const updated = await t.clients.lambda.send(
      new UpdateFunctionCodeCommand({ FunctionName: 'echo', ZipFile: zipOf({ 'index.mjs': ECHO['index.mjs'].replace('version: 1', 'version: 2') }) }),
    );
    expect(updated.CodeSha256).not.toBe(before.CodeSha256);
    expect(updated.RevisionId).not.toBe(before.RevisionId);
    await t.clients.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'echo', Environment: { Variables: { GREETING: 'annyeong' } } }));

    const after = payloadOf(await t.clients.lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: Buffer.from('{"seat":7}') })));
    expect(after).toEqual({ version: 2, event: { seat: 7 }, greeting: 'annyeong' });
  });

  it('deletes a function, after which it is not found', async () => {
    await deployFunction(t, 'doomed', role, ECHO);
    await t.clients.lambda.send(new DeleteFunctionCommand({ FunctionName: 'doomed' }));
    await expect(t.clients.lambda.send(new GetFunctionCommand({ FunctionName: 'doomed' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Function not found: ${arnOf('doomed')}`,
    });
    await expect(t.clients.lambda.send(new InvokeCommand({ FunctionName: 'doomed' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('keeps a resource policy as AWS returns it and answers isInvokeAllowed with ArnLike', async () => {
    const sourceArn = `arn:aws:execute-api:${t.region}:000000000000:abc123/*/*/api/book-bus`;
    const added = await t.clients.lambda.send(
      new AddPermissionCommand({
        FunctionName: 'echo',
        StatementId: 'apigw',
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        SourceArn: sourceArn,
      }),
    );
    const statement = {
      Sid: 'apigw',
      Effect: 'Allow',
      Principal: { Service: 'apigateway.amazonaws.com' },
      Action: 'lambda:InvokeFunction',
      Resource: arnOf('echo'),
      Condition: { ArnLike: { 'AWS:SourceArn': sourceArn } },
    };
    expect(JSON.parse(added.Statement!)).toEqual(statement);
    const policy = await t.clients.lambda.send(new GetPolicyCommand({ FunctionName: 'echo' }));
    expect(JSON.parse(policy.Policy!)).toEqual({ Version: '2012-10-17', Id: 'default', Statement: [statement] });

    await expect(
      t.clients.lambda.send(
        new AddPermissionCommand({ FunctionName: 'echo', StatementId: 'apigw', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com' }),
      ),
    ).rejects.toThrow('The statement id (apigw) provided already exists. Please provide a new statement id, or remove the existing statement.');

    const lambda = t.cloud.api('lambda');
    const invokedFrom = (route: string) => `arn:aws:execute-api:${t.region}:000000000000:abc123/prod/${route}`;
    expect(lambda.isInvokeAllowed('echo', t.region, 'apigateway.amazonaws.com', invokedFrom('POST/api/book-bus'))).toBe(true);
    expect(lambda.isInvokeAllowed(arnOf('echo'), t.region, 'apigateway.amazonaws.com', invokedFrom('GET/api/stats'))).toBe(false);
    expect(lambda.isInvokeAllowed('echo', t.region, 's3.amazonaws.com', invokedFrom('POST/api/book-bus'))).toBe(false);

    await expect(t.clients.lambda.send(new RemovePermissionCommand({ FunctionName: 'echo', StatementId: 'nope' }))).rejects.toThrow(
      'Statement nope is not found in resource policy.',
    );
    await t.clients.lambda.send(new RemovePermissionCommand({ FunctionName: 'echo', StatementId: 'apigw' }));
    await expect(t.clients.lambda.send(new GetPolicyCommand({ FunctionName: 'echo' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    expect(lambda.isInvokeAllowed('echo', t.region, 'apigateway.amazonaws.com', invokedFrom('POST/api/book-bus'))).toBe(false);
  });

  it('answers a function ARN of another region as AWS does (not reachable), and refuses a role session with AccessDeniedException 403', async () => {
    const west = new LambdaClient({ region: 'us-west-2', endpoint: t.cloud.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    try {
      await deployFunction({ ...t, clients: { ...t.clients, lambda: west } }, 'west-fn', role, ECHO);
      const westArn = 'arn:aws:lambda:us-west-2:000000000000:function:west-fn';
      for (const call of [new GetFunctionCommand({ FunctionName: westArn }), new DeleteFunctionCommand({ FunctionName: westArn })]) {
        await expect(t.clients.lambda.send(call as GetFunctionCommand)).rejects.toMatchObject({
          name: 'ResourceNotFoundException',
          message: `Functions from 'us-west-2' are not reachable in this region ('${t.region}')`,
          $metadata: { httpStatusCode: 404 },
        });
      }
      expect((await west.send(new GetFunctionCommand({ FunctionName: 'west-fn' }))).Configuration?.FunctionArn).toBe(westArn);
    } finally {
      west.destroy();
    }
    const reader = await createExecutionRole(t, 'lambda-reader', ['lambda:GetFunction']);
    const asRole = new LambdaClient({
      region: t.region,
      endpoint: t.cloud.endpoint,
      credentials: t.cloud.api('iam').sessionCredentials(reader, 'r'),
      maxAttempts: 1,
    });
    try {
      expect((await asRole.send(new GetFunctionCommand({ FunctionName: 'echo' }))).Configuration?.FunctionName).toBe('echo');
      await expect(asRole.send(new DeleteFunctionCommand({ FunctionName: 'echo' }))).rejects.toMatchObject({
        name: 'AccessDeniedException',
        $metadata: { httpStatusCode: 403 },
      });
    } finally {
      asRole.destroy();
    }
  });

  it('tags functions by ARN', async () => {
    const resource = arnOf('echo');
    await t.clients.lambda.send(new TagResourceCommand({ Resource: resource, Tags: { stage: 'prod', owner: 'lead' } }));
    await t.clients.lambda.send(new UntagResourceCommand({ Resource: resource, TagKeys: ['owner'] }));
    const { Tags } = await t.clients.lambda.send(new ListTagsCommand({ Resource: resource }));
    expect(Tags).toEqual({ app: 'bus', stage: 'prod' });
    await expect(t.clients.lambda.send(new ListTagsCommand({ Resource: arnOf('missing') }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('reserves concurrency within the account limit; zero throttles every invocation', async () => {
    await deployFunction(t, 'limited', role, ECHO);
    expect(await t.clients.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'limited' }))).not.toHaveProperty('ReservedConcurrentExecutions');
    await expect(t.clients.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'limited', ReservedConcurrentExecutions: 950 }))).rejects.toThrow(
      "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100].",
    );
    await t.clients.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'limited', ReservedConcurrentExecutions: 0 }));
    const got = await t.clients.lambda.send(new GetFunctionCommand({ FunctionName: 'limited' }));
    expect(got.Concurrency?.ReservedConcurrentExecutions).toBe(0);
    await expect(t.clients.lambda.send(new InvokeCommand({ FunctionName: 'limited' }))).rejects.toBeInstanceOf(TooManyRequestsException);
    await t.clients.lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: 'limited' }));
    expect(payloadOf(await t.clients.lambda.send(new InvokeCommand({ FunctionName: 'limited' }))).version).toBe(1);
  });
});

describe('lambda states (eventual consistency)', () => {
  let t: TestCloud;
  let role: string;
  const FunctionName = 'slow-to-settle';

  beforeAll(async () => {
    t = await startTestCloud({ timings: { functionUpdateMs: 1500 } });
    role = await createExecutionRole(t, 'states');
  });
  afterAll(() => t.stop());

  it('is Pending after create, refuses invokes and updates, then the waiter sees Active', async () => {
    const created = await t.clients.lambda.send(
      new CreateFunctionCommand({ FunctionName, Runtime: 'nodejs22.x', Handler: 'index.handler', Role: role, Code: { ZipFile: zipOf(ECHO) } }),
    );
    expect(created).toMatchObject({ State: 'Pending', StateReason: 'The function is being created.', StateReasonCode: 'Creating' });
    await expect(t.clients.lambda.send(new InvokeCommand({ FunctionName }))).rejects.toMatchObject({
      name: 'ResourceConflictException',
      message: 'The operation cannot be performed at this time. The function is currently in the following state: Pending',
    });
    await expect(t.clients.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName, Timeout: 5 }))).rejects.toBeInstanceOf(ResourceConflictException);

    await waitUntilFunctionActiveV2({ client: t.clients.lambda, maxWaitTime: 20, minDelay: 1 }, { FunctionName });
    const active = await t.clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName }));
    expect(active).toMatchObject({ State: 'Active', LastUpdateStatus: 'Successful' });
  });

  it('is InProgress after an update, refuses another, then the waiter sees Successful', async () => {
    const updated = await t.clients.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName, Timeout: 5 }));
    expect(updated).toMatchObject({ State: 'Active', LastUpdateStatus: 'InProgress', Timeout: 5 });
    await expect(t.clients.lambda.send(new UpdateFunctionCodeCommand({ FunctionName, ZipFile: zipOf(ECHO) }))).rejects.toThrow(
      `The operation cannot be performed at this time. An update is in progress for resource: arn:aws:lambda:${t.region}:000000000000:function:${FunctionName}`,
    );
    await waitUntilFunctionUpdatedV2({ client: t.clients.lambda, maxWaitTime: 20, minDelay: 1 }, { FunctionName });
    const settled = await t.clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName }));
    expect(settled).toMatchObject({ LastUpdateStatus: 'Successful', Timeout: 5 });
  });
});
