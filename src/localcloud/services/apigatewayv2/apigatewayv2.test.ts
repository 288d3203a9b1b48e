import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiGatewayV2Client,
  BadRequestException,
  ConflictException,
  CreateApiCommand,
  CreateDeploymentCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
  DeleteApiCommand,
  DeleteCorsConfigurationCommand,
  DeleteIntegrationCommand,
  DeleteRouteCommand,
  DeleteStageCommand,
  GetApiCommand,
  GetApisCommand,
  GetDeploymentsCommand,
  GetIntegrationCommand,
  GetIntegrationsCommand,
  GetRouteCommand,
  GetRoutesCommand,
  GetStageCommand,
  GetStagesCommand,
  GetTagsCommand,
  NotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateApiCommand,
  UpdateIntegrationCommand,
  UpdateRouteCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { startTestCloud, type TestCloud } from '../../../../test/helpers/cloud.js';

const FUNCTION_ARN = 'arn:aws:lambda:ap-northeast-2:000000000000:function:aram-producer';
const APIGW_URI = `arn:aws:apigateway:ap-northeast-2:lambda:path/2015-03-31/functions/${FUNCTION_ARN}/invocations`;
const CORS = { AllowOrigins: ['*'], AllowMethods: ['GET', 'POST', 'OPTIONS'], AllowHeaders: ['content-type'] };

describe('api gateway v2 control plane (restJson1 via @aws-sdk/client-apigatewayv2)', () => {
  let t: TestCloud;
  let apigw: ApiGatewayV2Client;
  let apiId: string;
  beforeAll(async () => {
    t = await startTestCloud();
    apigw = t.clients.apigw;
  });
  afterAll(() => t.stop());

  it('creates an HTTP API with CORS and tags, and reads it back', async () => {
    const created = await apigw.send(new CreateApiCommand({ Name: 'aram-http-api', ProtocolType: 'HTTP', CorsConfiguration: CORS, Tags: { app: 'bus-cli' } }));
    apiId = created.ApiId!;
    expect(apiId).toMatch(/^[a-z0-9]{10}$/);
    expect(created.ApiEndpoint).toBe(`${t.cloud.endpoint}/_aws/execute-api/${apiId}`);
    expect(created.CreatedDate).toBeInstanceOf(Date);
    const got = await apigw.send(new GetApiCommand({ ApiId: apiId }));
    expect(got).toMatchObject({
      Name: 'aram-http-api',
      ProtocolType: 'HTTP',
      RouteSelectionExpression: '$request.method $request.path',
      CorsConfiguration: CORS,
      Tags: { app: 'bus-cli' },
    });
    const { Items } = await apigw.send(new GetApisCommand({}));
    expect(Items?.map((a) => a.ApiId)).toContain(apiId);
  });

  it('updates and deletes the CORS configuration', async () => {
    const updated = await apigw.send(new UpdateApiCommand({ ApiId: apiId, CorsConfiguration: { ...CORS, MaxAge: 300 }, Description: 'booking' }));
    expect(updated).toMatchObject({ Description: 'booking', CorsConfiguration: { MaxAge: 300 } });
    await apigw.send(new DeleteCorsConfigurationCommand({ ApiId: apiId }));
    expect((await apigw.send(new GetApiCommand({ ApiId: apiId }))).CorsConfiguration).toBeUndefined();
  });

  it('answers unknown ids and invalid input with the typed exceptions', async () => {
    const missing = apigw.send(new GetApiCommand({ ApiId: 'nope123456' }));
    await expect(missing).rejects.toBeInstanceOf(NotFoundException);
    await expect(missing).rejects.toMatchObject({ message: 'Invalid API identifier specified 000000000000:nope123456', $metadata: { httpStatusCode: 404 } });
    await expect(apigw.send(new CreateApiCommand({ Name: 'ws', ProtocolType: 'WEBSOCKET' }))).rejects.toBeInstanceOf(BadRequestException);
    await expect(apigw.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /bad path' }))).rejects.toMatchObject({
      name: 'BadRequestException',
      message: expect.stringContaining('One or more path parts appear to be invalid'),
    });
    await expect(apigw.send(new GetRouteCommand({ ApiId: apiId, RouteId: 'zzzzzzz' }))).rejects.toBeInstanceOf(NotFoundException);
  });

  it('creates, updates and lists Lambda proxy integrations in both URI forms', async () => {
    const plain = await apigw.send(
      new CreateIntegrationCommand({
        ApiId: apiId,
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: FUNCTION_ARN,
        PayloadFormatVersion: '2.0',
        TimeoutInMillis: 5000,
      }),
    );
    expect(plain).toMatchObject({
      IntegrationType: 'AWS_PROXY',
      IntegrationMethod: 'POST',
      ConnectionType: 'INTERNET',
      PayloadFormatVersion: '2.0',
      TimeoutInMillis: 5000,
    });
    const wrapped = await apigw.send(
      new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'AWS_PROXY', IntegrationUri: APIGW_URI, PayloadFormatVersion: '1.0' }),
    );
    expect(wrapped.TimeoutInMillis).toBe(30_000);
    const updated = await apigw.send(new UpdateIntegrationCommand({ ApiId: apiId, IntegrationId: wrapped.IntegrationId, PayloadFormatVersion: '2.0' }));
    expect(updated.PayloadFormatVersion).toBe('2.0');
    expect((await apigw.send(new GetIntegrationCommand({ ApiId: apiId, IntegrationId: plain.IntegrationId }))).IntegrationUri).toBe(FUNCTION_ARN);
    expect((await apigw.send(new GetIntegrationsCommand({ ApiId: apiId }))).Items).toHaveLength(2);
    await apigw.send(new DeleteIntegrationCommand({ ApiId: apiId, IntegrationId: wrapped.IntegrationId }));
    const notLambda = apigw.send(
      new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'AWS_PROXY', IntegrationUri: 'arn:aws:sqs:x', PayloadFormatVersion: '2.0' }),
    );
    await expect(notLambda).rejects.toBeInstanceOf(BadRequestException);
    const tooSlow = apigw.send(
      new CreateIntegrationCommand({
        ApiId: apiId,
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: FUNCTION_ARN,
        PayloadFormatVersion: '2.0',
        TimeoutInMillis: 31_000,
      }),
    );
    await expect(tooSlow).rejects.toBeInstanceOf(BadRequestException);
  });

  it('creates routes, refuses duplicates and conflicting variables, updates and deletes them', async () => {
    const { Items } = await apigw.send(new GetIntegrationsCommand({ ApiId: apiId }));
    const target = `integrations/${Items![0].IntegrationId}`;
    const book = await apigw.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'POST /api/book-bus', Target: target }));
    expect(book).toMatchObject({ RouteKey: 'POST /api/book-bus', Target: target, AuthorizationType: 'NONE', ApiKeyRequired: false });
    await apigw.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /api/bookings/{requestId}', Target: target }));
    await expect(apigw.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'POST /api/book-bus', Target: target }))).rejects.toBeInstanceOf(
      ConflictException,
    );
    await expect(apigw.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /api/bookings/{id}' }))).rejects.toMatchObject({
      name: 'ConflictException',
      message: expect.stringContaining('conflicting variable on the same hierarchical level'),
    });
    await expect(apigw.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: '$default', Target: 'integrations/missing' }))).rejects.toBeInstanceOf(
      NotFoundException,
    );
    const stats = await apigw.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /api/stat', Target: target }));
    expect((await apigw.send(new UpdateRouteCommand({ ApiId: apiId, RouteId: stats.RouteId, RouteKey: 'GET /api/stats' }))).RouteKey).toBe('GET /api/stats');
    await expect(apigw.send(new DeleteIntegrationCommand({ ApiId: apiId, IntegrationId: Items![0].IntegrationId }))).rejects.toBeInstanceOf(ConflictException);
    await apigw.send(new DeleteRouteCommand({ ApiId: apiId, RouteId: stats.RouteId }));
    const routes = await apigw.send(new GetRoutesCommand({ ApiId: apiId }));
    expect(routes.Items?.map((r) => r.RouteKey).sort()).toEqual(['GET /api/bookings/{requestId}', 'POST /api/book-bus']);
  });

  it('creates stages (auto-deployed or by deployment), updates and deletes them', async () => {
    const prod = await apigw.send(new CreateStageCommand({ ApiId: apiId, StageName: 'prod', AutoDeploy: true, StageVariables: { env: 'prod' } }));
    expect(prod).toMatchObject({ StageName: 'prod', AutoDeploy: true, StageVariables: { env: 'prod' } });
    expect(prod.DeploymentId).toMatch(/^[a-z0-9]{6}$/);
    await expect(apigw.send(new CreateStageCommand({ ApiId: apiId, StageName: 'prod' }))).rejects.toBeInstanceOf(ConflictException);
    await apigw.send(new CreateStageCommand({ ApiId: apiId, StageName: 'manual' }));
    const deployment = await apigw.send(new CreateDeploymentCommand({ ApiId: apiId, StageName: 'manual', Description: 'first' }));
    expect(deployment).toMatchObject({ DeploymentStatus: 'DEPLOYED', AutoDeployed: false, Description: 'first' });
    expect((await apigw.send(new GetStageCommand({ ApiId: apiId, StageName: 'manual' }))).DeploymentId).toBe(deployment.DeploymentId);
    const deployments = await apigw.send(new GetDeploymentsCommand({ ApiId: apiId }));
    expect(deployments.Items?.map((d) => d.DeploymentId)).toContain(deployment.DeploymentId);
    const updated = await apigw.send(new UpdateStageCommand({ ApiId: apiId, StageName: 'manual', Description: 'by hand' }));
    expect(updated.Description).toBe('by hand');
    expect((await apigw.send(new GetStagesCommand({ ApiId: apiId }))).Items?.map((s) => s.StageName).sort()).toEqual(['manual', 'prod']);
    await apigw.send(new DeleteStageCommand({ ApiId: apiId, StageName: 'manual' }));
    await expect(apigw.send(new GetStageCommand({ ApiId: apiId, StageName: 'manual' }))).rejects.toBeInstanceOf(NotFoundException);
  });

  it('tags and untags an API by ARN', async () => {
    const arn = `arn:aws:apigateway:${t.region}::/apis/${apiId}`;
    await apigw.send(new TagResourceCommand({ ResourceArn: arn, Tags: { owner: 'team', stage: 'prod' } }));
    await apigw.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['app', 'stage'] }));
    expect((await apigw.send(new GetTagsCommand({ ResourceArn: arn }))).Tags).toEqual({ owner: 'team' });
  });

  it('quick-creates an API with a Lambda target, then deletes APIs', async () => {
    const quick = await apigw.send(new CreateApiCommand({ Name: 'quick', ProtocolType: 'HTTP', Target: FUNCTION_ARN }));
    const routes = await apigw.send(new GetRoutesCommand({ ApiId: quick.ApiId }));
    expect(routes.Items).toMatchObject([{ RouteKey: '$default', ApiGatewayManaged: true }]);
    expect(await apigw.send(new GetStageCommand({ ApiId: quick.ApiId, StageName: '$default' }))).toMatchObject({ AutoDeploy: true });
    await apigw.send(new DeleteApiCommand({ ApiId: quick.ApiId }));
    await apigw.send(new DeleteApiCommand({ ApiId: apiId }));
    await expect(apigw.send(new GetApiCommand({ ApiId: apiId }))).rejects.toBeInstanceOf(NotFoundException);
  });
});
