import { describe, expect, it } from 'vitest';
import {
  DeleteCorsConfigurationCommand,
  DeleteRouteCommand,
  GetApisCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  UpdateIntegrationCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { DeleteItemCommand, UntagResourceCommand as UntagTableCommand } from '@aws-sdk/client-dynamodb';
import { UntagRoleCommand } from '@aws-sdk/client-iam';
import {
  ListEventSourceMappingsCommand,
  UntagResourceCommand,
  UpdateEventSourceMappingCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import {
  DeleteBucketCorsCommand,
  DeleteBucketPolicyCommand,
  DeleteBucketTaggingCommand,
  DeleteBucketWebsiteCommand,
  DeleteObjectCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { DriftCode } from '../../src/stack/drift.js';
import type { StackContext } from '../../src/stack/context.js';
import { plan } from '../../src/stack/plan.js';
import { SETTINGS } from '../../src/stack/config.js';
import { stackStatus } from '../../src/stack/status.js';
import { waitUntil } from '../helpers/stack.js';
import { up, useDeployedStack } from './support.js';

const apiId = async (ctx: StackContext) => (await ctx.clients.apigw.send(new GetApisCommand({}))).Items!.find((a) => a.Name === ctx.names.api)!.ApiId!;
const mappingUuid = async (ctx: StackContext) =>
  (await ctx.clients.lambda.send(new ListEventSourceMappingsCommand({ FunctionName: ctx.names.consumer }))).EventSourceMappings![0].UUID!;

/** A change made by hand, the resource whose status shows it, and the drift code it shows. */
const CASES: { change: string; resource: string; code: DriftCode; make(ctx: StackContext): Promise<unknown> }[] = [
  {
    change: 'bucket tags removed',
    resource: 'bucket',
    code: 'tags-missing',
    make: (c) => c.clients.s3.send(new DeleteBucketTaggingCommand({ Bucket: c.outputs.bucket })),
  },
  {
    change: 'bucket policy removed',
    resource: 'bucket',
    code: 'policy-missing',
    make: (c) => c.clients.s3.send(new DeleteBucketPolicyCommand({ Bucket: c.outputs.bucket })),
  },
  {
    change: 'bucket CORS removed',
    resource: 'bucket',
    code: 'cors-differs',
    make: (c) => c.clients.s3.send(new DeleteBucketCorsCommand({ Bucket: c.outputs.bucket })),
  },
  {
    change: 'website hosting removed',
    resource: 'bucket',
    code: 'website-off',
    make: (c) => c.clients.s3.send(new DeleteBucketWebsiteCommand({ Bucket: c.outputs.bucket })),
  },
  {
    change: 'index.html overwritten',
    resource: 'site',
    code: 'file-changed',
    make: (c) => c.clients.s3.send(new PutObjectCommand({ Bucket: c.outputs.bucket, Key: SETTINGS.indexKey, Body: 'defaced' })),
  },
  {
    change: 'stats.json deleted',
    resource: 'site',
    code: 'file-missing',
    make: (c) => c.clients.s3.send(new DeleteObjectCommand({ Bucket: c.outputs.bucket, Key: SETTINGS.statsKey })),
  },
  {
    change: 'table tags removed',
    resource: 'table',
    code: 'tags-missing',
    make: (c) => c.clients.dynamodb.send(new UntagTableCommand({ ResourceArn: c.outputs.tableArn, TagKeys: ['stack'] })),
  },
  {
    change: 'a seed item deleted',
    resource: 'seed',
    code: 'items-missing',
    make: (c) => c.clients.dynamodb.send(new DeleteItemCommand({ TableName: c.names.table, Key: { id: { S: 'total' } } })),
  },
  {
    change: 'queue visibility changed',
    resource: 'queue',
    code: 'setting-differs',
    make: (c) => c.clients.sqs.send(new SetQueueAttributesCommand({ QueueUrl: c.outputs.queueUrl, Attributes: { VisibilityTimeout: '90' } })),
  },
  {
    change: 'role tags removed',
    resource: 'role:producer',
    code: 'tags-missing',
    make: (c) => c.clients.iam.send(new UntagRoleCommand({ RoleName: c.names.producerRole, TagKeys: ['stack'] })),
  },
  {
    change: 'function tags removed',
    resource: 'function:producer',
    code: 'tags-missing',
    make: (c) => c.clients.lambda.send(new UntagResourceCommand({ Resource: c.outputs.producerArn, TagKeys: ['stack'] })),
  },
  {
    change: 'function memory changed',
    resource: 'function:consumer',
    code: 'setting-differs',
    make: async (c) => {
      await c.clients.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: c.names.consumer, MemorySize: 512 }));
      await waitUntilFunctionUpdatedV2({ client: c.clients.lambda, maxWaitTime: 20, minDelay: 0.1, maxDelay: 0.5 }, { FunctionName: c.names.consumer });
    },
  },
  {
    change: 'mapping disabled',
    resource: 'mapping',
    code: 'mapping-disabled',
    make: async (c) => c.clients.lambda.send(new UpdateEventSourceMappingCommand({ UUID: await mappingUuid(c), Enabled: false })),
  },
  {
    change: 'API CORS removed',
    resource: 'http-api',
    code: 'cors-differs',
    make: async (c) => c.clients.apigw.send(new DeleteCorsConfigurationCommand({ ApiId: await apiId(c) })),
  },
  {
    change: 'integration moved to payload 1.0',
    resource: 'http-api',
    code: 'integration-differs',
    make: async (c) => {
      const ApiId = await apiId(c);
      const [integration] = (await c.clients.apigw.send(new GetIntegrationsCommand({ ApiId }))).Items!;
      return c.clients.apigw.send(new UpdateIntegrationCommand({ ApiId, IntegrationId: integration.IntegrationId, PayloadFormatVersion: '1.0' }));
    },
  },
  {
    change: 'a route deleted',
    resource: 'http-api',
    code: 'route-missing',
    make: async (c) => {
      const ApiId = await apiId(c);
      const route = (await c.clients.apigw.send(new GetRoutesCommand({ ApiId }))).Items!.find((r) => r.RouteKey === 'GET /api/trips')!;
      return c.clients.apigw.send(new DeleteRouteCommand({ ApiId, RouteId: route.RouteId }));
    },
  },
  {
    change: 'stage auto-deploy off',
    resource: 'http-api',
    code: 'stage-manual-deploy',
    make: async (c) => c.clients.apigw.send(new UpdateStageCommand({ ApiId: await apiId(c), StageName: SETTINGS.stage, AutoDeploy: false })),
  },
];

describe('each drift is a typed code: a change by hand shows in status, up repairs it, and a second up changes nothing (issue 14)', () => {
  const stack = useDeployedStack('drift');

  it.each(CASES)('$change: $resource shows $code', async ({ resource, code, make }) => {
    const { ctx, session } = stack();
    await make(ctx);
    const status = await stackStatus(ctx);
    expect(status.resources.find((r) => r.id === resource)).toMatchObject({ state: 'drift', driftCodes: expect.arrayContaining([code]) });

    await up(session);
    // A mapping re-enabled goes Enabling -> Enabled; the next plan reads the state it settles in.
    await waitUntil(async () => ((await plan(ctx)).changes.every((c) => c.action === 'none') ? true : undefined), 10_000);
    expect((await plan(ctx)).changes.filter((c) => c.action !== 'none')).toEqual([]);
  });
});
