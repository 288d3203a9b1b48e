import {
  AddPermissionCommand,
  CreateEventSourceMappingCommand,
  CreateFunctionCommand,
  DeleteEventSourceMappingCommand,
  DeleteFunctionCommand,
  GetEventSourceMappingCommand,
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  GetPolicyCommand,
  InvokeCommand,
  ListEventSourceMappingsCommand,
  RemovePermissionCommand,
  UpdateEventSourceMappingCommand,
  UpdateFunctionConfigurationCommand,
  type AddPermissionCommandInput,
  type Runtime,
} from '@aws-sdk/client-lambda';
import type { Clients } from '../../../src/aws/clients.js';
import type { Case, CaseContext } from '../types.js';
import { error, fromReference, recorded } from './common.js';
import { zipOf } from '../../../src/localcloud/services/lambda/fixtures.js';

const T = 'lambda_/test_lambda_api';
const REFERENCE = 'https://docs.aws.amazon.com/lambda/latest/api/';
const UNKNOWN_UUID = '3e5c2bdf-58c0-4a4c-a0a2-9a7d6a3f1c11';
const notFound = error('ResourceNotFoundException', 404);
const invalidParameter = error('InvalidParameterValueException', 400);

const s3Permission = (FunctionName: string, extra: Partial<AddPermissionCommandInput> = {}) =>
  new AddPermissionCommand({
    FunctionName,
    Action: 'lambda:InvokeFunction',
    StatementId: 's3',
    Principal: 's3.amazonaws.com',
    SourceArn: 'arn:aws:s3:::test-bucket',
    ...extra,
  });

/** A function of this case's own with one permission (`s3`) in its policy. */
async function withPermission(c: Clients, ctx: CaseContext) {
  const FunctionName = await ctx.fn();
  await c.lambda.send(s3Permission(FunctionName));
  return FunctionName;
}

/** CreateFunction of this case's own with `runtime` (an id AWS may refuse: typed as the SDK's enum only to be sent). */
const createWith = async (c: Clients, ctx: CaseContext, runtime: string) =>
  c.lambda.send(
    new CreateFunctionCommand({
      FunctionName: ctx.name('rt'),
      Runtime: runtime as Runtime,
      Role: await ctx.role(),
      Handler: 'index.handler',
      Code: { ZipFile: zipOf({ 'index.mjs': 'export const handler = async () => 1;' }) },
    }),
  );

export const LAMBDA_CASES: Case[] = [
  ...recorded('lambda', T, 'TestLambdaFunction::test_create_lambda_exceptions', [
    // AWS lists the runtimes it creates functions with, in a set's order: the message is reported, not compared.
    { id: 'lambda.create-function.unknown-runtime', run: (c, ctx) => createWith(c, ctx, 'non-existent-runtime'), expect: invalidParameter },
    { id: 'lambda.create-function.uppercase-runtime', run: (c, ctx) => createWith(c, ctx, 'PYTHON3.9'), expect: invalidParameter },
  ]),
  ...recorded('lambda', T, 'TestLambdaFunction::test_update_lambda_exceptions', [
    {
      id: 'lambda.update-function-configuration.unknown-runtime',
      run: async (c, ctx) =>
        c.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: await ctx.fn(), Runtime: 'non-existent-runtime' as Runtime })),
      expect: invalidParameter,
    },
  ]),
  ...recorded('lambda', T, 'TestRuntimeValidation::test_create_deprecated_function_runtime_with_validation_enabled[nodejs14.x]', [
    {
      id: 'lambda.create-function.deprecated-runtime',
      run: (c, ctx) => createWith(c, ctx, 'nodejs14.x'),
      expect: error('InvalidParameterValueException', 400, {
        message:
          'The runtime parameter of nodejs14.x is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.',
      }),
    },
  ]),
  ...recorded('lambda', T, 'TestLambdaFunction::test_function_lifecycle', [
    {
      id: 'lambda.create-function.runtime-version-config',
      run: (c, ctx) => createWith(c, ctx, 'nodejs24.x'),
      expect: { nested: { RuntimeVersionConfig: ['RuntimeVersionArn'] }, values: { State: 'Pending', Runtime: 'nodejs24.x', PackageType: 'Zip' } },
    },
  ]),
  ...recorded('lambda', T, 'TestLambdaEventSourceMappings::test_event_source_mapping_exceptions', [
    { id: 'lambda.get-event-source-mapping.unknown', run: (c) => c.lambda.send(new GetEventSourceMappingCommand({ UUID: UNKNOWN_UUID })), expect: notFound },
    {
      id: 'lambda.delete-event-source-mapping.unknown',
      run: (c) => c.lambda.send(new DeleteEventSourceMappingCommand({ UUID: UNKNOWN_UUID })),
      expect: notFound,
    },
    {
      id: 'lambda.update-event-source-mapping.unknown',
      run: (c) => c.lambda.send(new UpdateEventSourceMappingCommand({ UUID: UNKNOWN_UUID, Enabled: false })),
      expect: notFound,
    },
    {
      id: 'lambda.create-event-source-mapping.no-source',
      run: (c) => c.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'doesnotexist' })),
      expect: invalidParameter,
    },
    {
      id: 'lambda.create-event-source-mapping.missing-function',
      run: async (c, ctx) =>
        c.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: ctx.name('nope'), EventSourceArn: await ctx.queueArn(await ctx.queue()) })),
      expect: { error: { name: 'InvalidParameterValueException', status: 400, message: 'Function does not exist' } },
    },
  ]),
  ...recorded('lambda', T, 'TestLambdaPermissions::test_permission_exceptions', [
    {
      id: 'lambda.add-permission.statement-id-with-dot',
      run: async (c, ctx) => c.lambda.send(s3Permission(await ctx.fn(), { StatementId: 'example.com', SourceArn: undefined })),
      expect: error('ValidationException', 400),
    },
    {
      id: 'lambda.add-permission.invalid-principal',
      run: async (c, ctx) =>
        c.lambda.send(
          s3Permission(await ctx.fn(), { StatementId: 'lambda', Principal: 'invalid.nonaws.com', SourceArn: undefined, SourceAccount: ctx.account }),
        ),
      expect: invalidParameter,
    },
    {
      id: 'lambda.add-permission.latest-qualifier',
      run: async (c, ctx) => c.lambda.send(s3Permission(`${await ctx.fn()}:$LATEST`, { Qualifier: '$LATEST' })),
      expect: invalidParameter,
    },
    { id: 'lambda.get-policy.missing-function', run: (c, ctx) => c.lambda.send(new GetPolicyCommand({ FunctionName: ctx.name('nope') })), expect: notFound },
    { id: 'lambda.add-permission.missing-function', run: (c, ctx) => c.lambda.send(s3Permission(ctx.name('nope'))), expect: notFound },
    {
      id: 'lambda.remove-permission.missing-function',
      run: (c, ctx) => c.lambda.send(new RemovePermissionCommand({ FunctionName: ctx.name('nope'), StatementId: 's3' })),
      expect: notFound,
    },
    {
      id: 'lambda.add-permission.same-statement-id',
      run: async (c, ctx) => c.lambda.send(s3Permission(await withPermission(c, ctx))),
      expect: error('ResourceConflictException', 409),
    },
  ]),
  ...recorded('lambda', T, 'TestLambdaPermissions::test_remove_multi_permissions', [
    {
      id: 'lambda.remove-permission.unknown-statement',
      run: async (c, ctx) => c.lambda.send(new RemovePermissionCommand({ FunctionName: await withPermission(c, ctx), StatementId: 'non-existent' })),
      expect: notFound,
    },
    {
      id: 'lambda.get-policy.all-removed',
      run: async (c, ctx) => {
        const FunctionName = await withPermission(c, ctx);
        await c.lambda.send(new RemovePermissionCommand({ FunctionName, StatementId: 's3' }));
        return c.lambda.send(new GetPolicyCommand({ FunctionName }));
      },
      expect: notFound,
    },
  ]),
  ...recorded('lambda', T, 'TestLambdaPermissions::test_add_lambda_permission_aws', [
    {
      id: 'lambda.add-permission',
      run: async (c, ctx) => {
        const out = await c.lambda.send(s3Permission(await ctx.fn()));
        return { ...out, Statement: JSON.parse(out.Statement ?? 'null') };
      },
      expect: {
        keys: ['Statement'],
        nested: { Statement: ['Sid', 'Effect', 'Principal', 'Action', 'Resource', 'Condition'] },
        values: {
          'Statement.Sid': 's3',
          'Statement.Effect': 'Allow',
          'Statement.Principal': { Service: 's3.amazonaws.com' },
          'Statement.Action': 'lambda:InvokeFunction',
        },
      },
    },
    {
      id: 'lambda.get-policy',
      run: async (c, ctx) => {
        const out = await c.lambda.send(new GetPolicyCommand({ FunctionName: await withPermission(c, ctx) }));
        return { ...out, Policy: JSON.parse(out.Policy ?? 'null') };
      },
      expect: {
        keys: ['Policy', 'RevisionId'],
        nested: { Policy: ['Version', 'Id', 'Statement'] },
        values: { 'Policy.Version': '2012-10-17', 'Policy.Id': 'default' },
      },
    },
  ]),
  ...(
    [
      ['get_function', (c: Clients, FunctionName: string) => c.lambda.send(new GetFunctionCommand({ FunctionName }))],
      ['get_function_configuration', (c: Clients, FunctionName: string) => c.lambda.send(new GetFunctionConfigurationCommand({ FunctionName }))],
      ['delete_function', (c: Clients, FunctionName: string) => c.lambda.send(new DeleteFunctionCommand({ FunctionName }))],
      ['get_function_concurrency', (c: Clients, FunctionName: string) => c.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName }))],
    ] as const
  ).flatMap(([operation, call]) =>
    recorded('lambda', T, `TestLambdaFunction::test_ops_on_nonexisting_fn[${operation}]`, [
      { id: `lambda.${operation.replaceAll('_', '-')}.missing`, run: (c, ctx) => call(c, ctx.name('nope')), expect: notFound },
    ]),
  ),
  ...fromReference('lambda', `${REFERENCE}API_Invoke.html`, [
    { id: 'lambda.invoke.missing', run: (c, ctx) => c.lambda.send(new InvokeCommand({ FunctionName: ctx.name('nope') })), expect: notFound },
    {
      id: 'lambda.invoke',
      run: async (c, ctx) => {
        const out = await c.lambda.send(new InvokeCommand({ FunctionName: await ctx.fn(), Payload: JSON.stringify({ hello: '🚌' }) }));
        return { ...out, Payload: JSON.parse(Buffer.from(out.Payload ?? []).toString()) };
      },
      expect: { keys: ['ExecutedVersion', 'Payload', 'StatusCode'], values: { StatusCode: 200, ExecutedVersion: '$LATEST', Payload: { hello: '🚌' } } },
    },
  ]),
  ...fromReference('lambda', `${REFERENCE}API_CreateEventSourceMapping.html`, [
    {
      id: 'lambda.create-event-source-mapping.sqs',
      run: async (c, ctx) =>
        c.lambda.send(
          new CreateEventSourceMappingCommand({
            FunctionName: await ctx.fn(),
            EventSourceArn: await ctx.queueArn(await ctx.queue('q', { VisibilityTimeout: '60' })),
            BatchSize: 10,
            FunctionResponseTypes: ['ReportBatchItemFailures'],
          }),
        ),
      expect: { values: { State: 'Creating', BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'], MaximumBatchingWindowInSeconds: 0 } },
    },
    {
      id: 'lambda.list-event-source-mappings.unknown-function',
      run: (c, ctx) => c.lambda.send(new ListEventSourceMappingsCommand({ FunctionName: ctx.name('nope') })),
      expect: { keys: ['EventSourceMappings'], values: { EventSourceMappings: [] } },
    },
  ]),
];
