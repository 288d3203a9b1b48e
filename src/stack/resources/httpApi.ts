import { drift, hasDrift, type Drift } from '../drift.js';
import {
  CreateApiCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
  DeleteApiCommand,
  DeleteRouteCommand,
  GetApisCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand,
  TagResourceCommand,
  UpdateApiCommand,
  UpdateIntegrationCommand,
  UpdateRouteCommand,
  UpdateStageCommand,
  type Api,
  type Cors,
  type Integration,
  type Route,
  type Stage,
} from '@aws-sdk/client-apigatewayv2';
import { AddPermissionCommand, GetPolicyCommand, RemovePermissionCommand } from '@aws-sdk/client-lambda';
import type { Resource, StackContext } from '../context.js';
import type { StackSpec } from '../spec.js';
import { unlessNotFound } from '../retry.js';
import { apiUrl } from '../urls.js';
import { missingTags } from './tags.js';

interface ApiState {
  api: Api;
  integrations: Integration[];
  routes: Route[];
  stages: Stage[];
  permissionSourceArn?: string;
}

/** The statement id of the permission that lets API Gateway invoke the producer. */
export const INVOKE_PERMISSION_SID = 'bus-cli-apigateway-invoke';

const wantedCors = ({ settings }: StackSpec): Cors => ({
  AllowOrigins: [...settings.corsOrigins],
  AllowMethods: [...settings.apiCorsMethods],
  AllowHeaders: [...settings.apiCorsHeaders],
  ExposeHeaders: ['content-type'],
  MaxAge: 300,
});

const sorted = (xs: string[] | undefined) =>
  [...(xs ?? [])]
    .map((x) => x.toLowerCase())
    .sort()
    .join(',');
const sameCors = (a: Cors | undefined, wanted: Cors) =>
  !!a &&
  sorted(a.AllowOrigins) === sorted(wanted.AllowOrigins) &&
  sorted(a.AllowMethods) === sorted(wanted.AllowMethods) &&
  sorted(a.AllowHeaders) === sorted(wanted.AllowHeaders);

const sourceArn = (ctx: StackContext, apiId: string) => `arn:aws:execute-api:${ctx.target.region}:${ctx.account}:${apiId}/*`;

async function findApi(ctx: StackContext): Promise<Api | undefined> {
  let NextToken: string | undefined;
  do {
    const page = await ctx.clients.apigw.send(new GetApisCommand({ NextToken }));
    const found = (page.Items ?? []).find((a) => a.Name === ctx.names.api && (a.Tags?.stack ?? ctx.names.stack) === ctx.names.stack);
    if (found) return found;
    NextToken = page.NextToken;
  } while (NextToken);
  return undefined;
}

function readPermission(ctx: StackContext): Promise<string | undefined> {
  return unlessNotFound(async () => {
    const { Policy } = await ctx.clients.lambda.send(new GetPolicyCommand({ FunctionName: ctx.names.producer }));
    const statement = (JSON.parse(Policy ?? '{}').Statement ?? []).find((s: { Sid?: string }) => s.Sid === INVOKE_PERMISSION_SID);
    return statement?.Condition?.ArnLike?.['AWS:SourceArn'];
  });
}

function integrationFor(ctx: StackContext, current: ApiState | undefined): Integration | undefined {
  return current?.integrations.find((i) => i.IntegrationType === 'AWS_PROXY' && i.IntegrationUri?.includes(`:function:${ctx.names.producer}`));
}

const extraRoutes = (ctx: StackContext, current: ApiState) => current.routes.filter((r) => !ctx.spec.routes.includes(r.RouteKey ?? ''));

/** Deletes an HTTP API, its routes first. */
export async function deleteApi(ctx: StackContext, ApiId: string): Promise<void> {
  const gw = ctx.clients.apigw;
  const routes = (await gw.send(new GetRoutesCommand({ ApiId }))).Items ?? [];
  for (const r of routes) await gw.send(new DeleteRouteCommand({ ApiId, RouteId: r.RouteId }));
  await gw.send(new DeleteApiCommand({ ApiId }));
}

/** HTTP API with the seed's routes to the producer, CORS, stage `prod`, and the invoke permission. */
export const httpApi: Resource<ApiState> = {
  id: 'http-api',
  after: ['function:producer'],
  name: (ctx) => ctx.names.api,

  async read(ctx) {
    const api = await findApi(ctx);
    if (!api) return undefined;
    const gw = ctx.clients.apigw;
    const [integrations, routes, stages, permissionSourceArn] = await Promise.all([
      gw.send(new GetIntegrationsCommand({ ApiId: api.ApiId })).then((r) => r.Items ?? []),
      gw.send(new GetRoutesCommand({ ApiId: api.ApiId })).then((r) => r.Items ?? []),
      gw.send(new GetStagesCommand({ ApiId: api.ApiId })).then((r) => r.Items ?? []),
      readPermission(ctx),
    ]);
    return { api, integrations, routes, stages, permissionSourceArn };
  },

  diff(ctx, current) {
    if (!current) return [drift('absent')];
    const reasons: Drift[] = [];
    if (!sameCors(current.api.CorsConfiguration, wantedCors(ctx.spec))) reasons.push(drift('cors-differs'));
    if (missingTags(current.api.Tags, ctx.tags).length) reasons.push(drift('tags-missing'));
    const integration = integrationFor(ctx, current);
    if (!integration) reasons.push(drift('integration-missing'));
    else if (integration.PayloadFormatVersion !== '2.0' || (ctx.outputs.producerArn && integration.IntegrationUri !== ctx.outputs.producerArn)) {
      reasons.push(drift('integration-differs'));
    }
    const target = integration ? `integrations/${integration.IntegrationId}` : undefined;
    for (const key of ctx.spec.routes) {
      const route = current.routes.find((r) => r.RouteKey === key);
      if (!route) reasons.push(drift('route-missing', key));
      else if (route.Target !== target) reasons.push(drift('route-elsewhere', key));
    }
    for (const route of extraRoutes(ctx, current)) reasons.push(drift('route-extra', route.RouteKey));
    const { stage: stageName } = ctx.spec.settings;
    const stage = current.stages.find((s) => s.StageName === stageName);
    if (!stage) reasons.push(drift('stage-missing', stageName));
    else if (!stage.AutoDeploy) reasons.push(drift('stage-manual-deploy'));
    if (current.permissionSourceArn !== sourceArn(ctx, current.api.ApiId!)) reasons.push(drift('invoke-permission-missing'));
    return reasons;
  },

  async apply(ctx, current, reasons) {
    const gw = ctx.clients.apigw;
    let api: Api | undefined = current?.api;
    if (!api) {
      api = (await gw.send(
        new CreateApiCommand({ Name: ctx.names.api, ProtocolType: 'HTTP', CorsConfiguration: wantedCors(ctx.spec), Tags: ctx.tags }),
      )) as Api;
    } else {
      if (hasDrift(reasons, 'cors-differs')) await gw.send(new UpdateApiCommand({ ApiId: api.ApiId, CorsConfiguration: wantedCors(ctx.spec) }));
      if (hasDrift(reasons, 'tags-missing')) {
        await gw.send(new TagResourceCommand({ ResourceArn: `arn:aws:apigateway:${ctx.target.region}::/apis/${api.ApiId}`, Tags: ctx.tags }));
      }
    }
    const ApiId = api.ApiId!;
    const wantedIntegration = { IntegrationType: 'AWS_PROXY' as const, IntegrationUri: ctx.outputs.producerArn, PayloadFormatVersion: '2.0' };
    let integration = integrationFor(ctx, current);
    if (!integration) integration = await gw.send(new CreateIntegrationCommand({ ApiId, ...wantedIntegration }));
    else if (hasDrift(reasons, 'integration-differs')) {
      await gw.send(new UpdateIntegrationCommand({ ApiId, IntegrationId: integration.IntegrationId, ...wantedIntegration }));
    }
    const Target = `integrations/${integration.IntegrationId}`;
    for (const RouteKey of ctx.spec.routes) {
      const route = current?.routes.find((r) => r.RouteKey === RouteKey);
      if (!route) await gw.send(new CreateRouteCommand({ ApiId, RouteKey, Target }));
      else if (route.Target !== Target) await gw.send(new UpdateRouteCommand({ ApiId, RouteId: route.RouteId, Target }));
    }
    // Routes added by hand expose the producer (or something else) under paths the stack does not serve.
    for (const route of current ? extraRoutes(ctx, current) : []) await gw.send(new DeleteRouteCommand({ ApiId, RouteId: route.RouteId }));
    const StageName = ctx.spec.settings.stage;
    const stage = current?.stages.find((s) => s.StageName === StageName);
    if (!stage) await gw.send(new CreateStageCommand({ ApiId, StageName, AutoDeploy: true, Tags: ctx.tags }));
    else if (!stage.AutoDeploy) await gw.send(new UpdateStageCommand({ ApiId, StageName, AutoDeploy: true }));
    await ensurePermission(ctx, ApiId, current?.permissionSourceArn);
    ctx.outputs.apiId = ApiId;
    ctx.outputs.apiUrl = apiUrl(ctx, ApiId);
  },

  outputs(ctx, current) {
    ctx.outputs.apiId = current.api.ApiId;
    ctx.outputs.apiUrl = apiUrl(ctx, current.api.ApiId!);
  },

  async destroy(ctx) {
    const api = await findApi(ctx);
    if (!api) return false;
    await deleteApi(ctx, api.ApiId!);
    return true;
  },

  describe: (ctx, current) =>
    `${current.routes.length} routes, stage ${current.stages.map((s) => s.StageName).join(',') || 'none'} -> ${apiUrl(ctx, current.api.ApiId!)}`,
};

async function ensurePermission(ctx: StackContext, apiId: string, currentSourceArn: string | undefined) {
  const wanted = sourceArn(ctx, apiId);
  if (currentSourceArn === wanted) return;
  const lambda = ctx.clients.lambda;
  if (currentSourceArn) await lambda.send(new RemovePermissionCommand({ FunctionName: ctx.names.producer, StatementId: INVOKE_PERMISSION_SID }));
  await lambda.send(
    new AddPermissionCommand({
      FunctionName: ctx.names.producer,
      StatementId: INVOKE_PERMISSION_SID,
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      SourceArn: wanted,
    }),
  );
}
