import { isoSeconds } from '../../core/clock.js';
import { shortId } from '../../core/ids.js';
import { parseArn } from '../../core/arn.js';
import { compileCors } from './invoke/cors.js';
import { RouteTable, type CompiledRoute } from './invoke/routeTable.js';
import { lambdaArnOf } from './integrationUri.js';
import { DEFAULT_ROUTE_KEY, parseRouteKey } from './routeKey.js';
import type { Deployment, FrozenDeployment, HttpApi, IntegrationRecord, RouteRecord, Stage } from './store.js';

const DEPLOYMENT_ID_LENGTH = 6;
const INTEGRATION_TARGET = 'integrations/';

function targetOf(route: RouteRecord, integrations: Map<string, IntegrationRecord>): CompiledRoute['target'] {
  const integration = route.target?.startsWith(INTEGRATION_TARGET) ? integrations.get(route.target.slice(INTEGRATION_TARGET.length)) : undefined;
  const functionArn = integration && lambdaArnOf(integration.integrationUri);
  if (!integration || !functionArn) return undefined;
  return {
    functionArn,
    region: parseArn(functionArn)!.region,
    payloadFormatVersion: integration.payloadFormatVersion,
    timeoutMs: integration.timeoutInMillis,
  };
}

function compileRoute(route: RouteRecord, integrations: Map<string, IntegrationRecord>): CompiledRoute {
  const parts = parseRouteKey(route.routeKey);
  return {
    routeKey: route.routeKey,
    method: parts?.method ?? 'ANY',
    resourcePath: parts?.path ?? DEFAULT_ROUTE_KEY,
    segments: parts?.segments ?? [],
    target: targetOf(route, integrations),
  };
}

/** Freezes the API's routes, integrations and CORS as they are now into a deployment. */
export function createDeployment(api: HttpApi, autoDeployed: boolean, description?: string): Deployment {
  const frozen: FrozenDeployment = {
    record: { deploymentId: shortId(DEPLOYMENT_ID_LENGTH), deploymentStatus: 'DEPLOYED', autoDeployed, createdDate: isoSeconds(), description },
    routes: [...api.routes.values()].map((r) => compileRoute(r, api.integrations)),
    cors: api.record.corsConfiguration,
  };
  const deployment = withRouteTable(frozen);
  api.deployments.set(deployment.record.deploymentId, deployment);
  return deployment;
}

/** A deployment as data (what a durable cloud keeps) made servable again. */
export const withRouteTable = (frozen: FrozenDeployment): Deployment => ({
  ...frozen,
  table: new RouteTable(frozen.routes, frozen.cors && compileCors(frozen.cors)),
});

/** Points a stage at a deployment, recording it as GetStage reports it. */
export function serveDeployment(stage: Stage, deployment: Deployment): void {
  stage.deployment = deployment;
  stage.record.deploymentId = deployment.record.deploymentId;
  stage.record.lastUpdatedDate = isoSeconds();
  if (stage.record.autoDeploy) {
    stage.record.lastDeploymentStatusMessage = `Successfully deployed stage with deployment ID '${deployment.record.deploymentId}'`;
  }
}

/** After any change to routes, integrations or CORS: stages with AutoDeploy get a fresh deployment. */
export function autoDeploy(api: HttpApi): void {
  const stages = [...api.stages.values()].filter((s) => s.record.autoDeploy);
  if (stages.length === 0) return;
  const deployment = createDeployment(api, true);
  for (const stage of stages) serveDeployment(stage, deployment);
}
