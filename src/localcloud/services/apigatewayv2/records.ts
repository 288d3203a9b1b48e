import { isoSeconds } from '../../core/clock.js';
import { shortId } from '../../core/ids.js';
import { autoDeploy, createDeployment, serveDeployment } from './deploy.js';
import { badRequest, conflict } from './errors.js';
import { lambdaArnOf } from './integrationUri.js';
import { checkRouteConflicts } from './routeKey.js';
import { deploymentOf, integrationOf, type HttpApi, type IntegrationRecord, type RouteRecord, type Stage, type StageRecord } from './store.js';

export const INTEGRATION_ID_LENGTH = 7;
export const ROUTE_ID_LENGTH = 7;
/** HTTP APIs allow integrations 50 ms to 30 s, 30 s by default. */
export const MIN_TIMEOUT_MS = 50;
export const MAX_TIMEOUT_MS = 30_000;
export const PAYLOAD_FORMAT_VERSIONS = ['1.0', '2.0'] as const;
const STAGE_NAME = /^(\$default|[a-zA-Z0-9._-]{1,128})$/;
const INTEGRATION_TARGET = /^integrations\/([a-z0-9]+)$/;

/** Integration members as a create or an update gives them (the wire allows any type name). */
export interface IntegrationFields {
  integrationType?: string;
  integrationUri?: string;
  payloadFormatVersion?: IntegrationRecord['payloadFormatVersion'];
  timeoutInMillis?: number;
  description?: string;
}

/** Checks an integration as it would stand after a create or update (AWS_PROXY to Lambda only). */
function checkIntegration(
  fields: IntegrationFields,
): asserts fields is IntegrationFields & Pick<IntegrationRecord, 'integrationType' | 'integrationUri' | 'payloadFormatVersion'> {
  if (fields.integrationType !== 'AWS_PROXY') {
    throw badRequest(`Integration type ${fields.integrationType} is not supported by the embedded cloud: HTTP APIs here integrate with Lambda (AWS_PROXY)`);
  }
  if (!fields.integrationUri || !lambdaArnOf(fields.integrationUri)) {
    throw badRequest("Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.");
  }
  if (!fields.payloadFormatVersion) throw badRequest('PayloadFormatVersion is required for AWS_PROXY integrations of HTTP APIs: 1.0 or 2.0');
  const timeout = fields.timeoutInMillis;
  if (timeout !== undefined && (timeout < MIN_TIMEOUT_MS || timeout > MAX_TIMEOUT_MS)) {
    throw badRequest(`Timeout must be between ${MIN_TIMEOUT_MS} ms and ${MAX_TIMEOUT_MS} ms for HTTP APIs`);
  }
}

export function addIntegration(api: HttpApi, fields: IntegrationFields, apiGatewayManaged?: boolean): IntegrationRecord {
  checkIntegration(fields);
  const record: IntegrationRecord = {
    integrationId: shortId(INTEGRATION_ID_LENGTH),
    integrationType: 'AWS_PROXY',
    integrationUri: fields.integrationUri,
    integrationMethod: 'POST',
    connectionType: 'INTERNET',
    payloadFormatVersion: fields.payloadFormatVersion,
    timeoutInMillis: fields.timeoutInMillis ?? MAX_TIMEOUT_MS,
    description: fields.description,
    apiGatewayManaged,
  };
  api.integrations.set(record.integrationId, record);
  return record;
}

export function updateIntegration(api: HttpApi, record: IntegrationRecord, changes: IntegrationFields): IntegrationRecord {
  const merged = { ...record, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
  checkIntegration(merged);
  Object.assign(record, merged);
  autoDeploy(api);
  return record;
}

/** A route target must be `integrations/<id>` of an integration of the same API. */
export function checkTarget(api: HttpApi, target: string | undefined): void {
  if (target === undefined) return;
  const id = INTEGRATION_TARGET.exec(target)?.[1];
  if (!id) throw badRequest(`Invalid target ${target}: HTTP API routes target integrations/<integrationId>`);
  integrationOf(api, id);
}

export type RouteFields = Pick<RouteRecord, 'routeKey'> & Partial<Pick<RouteRecord, 'target' | 'operationName' | 'apiKeyRequired'>>;

export function addRoute(api: HttpApi, fields: RouteFields, apiGatewayManaged?: boolean): RouteRecord {
  checkRouteConflicts(
    fields.routeKey,
    [...api.routes.values()].map((r) => r.routeKey),
  );
  checkTarget(api, fields.target);
  const record: RouteRecord = {
    routeId: shortId(ROUTE_ID_LENGTH),
    routeKey: fields.routeKey,
    target: fields.target,
    authorizationType: 'NONE',
    apiKeyRequired: fields.apiKeyRequired ?? false,
    operationName: fields.operationName,
    apiGatewayManaged,
  };
  api.routes.set(record.routeId, record);
  autoDeploy(api);
  return record;
}

export type StageFields = Pick<StageRecord, 'stageName'> &
  Partial<Pick<StageRecord, 'autoDeploy' | 'description' | 'deploymentId' | 'stageVariables' | 'tags' | 'defaultRouteSettings' | 'routeSettings'>>;

export function addStage(api: HttpApi, fields: StageFields, apiGatewayManaged?: boolean): Stage {
  if (!STAGE_NAME.test(fields.stageName)) throw badRequest(`Invalid stage name ${fields.stageName}: $default or up to 128 of [a-zA-Z0-9._-]`);
  if (api.stages.has(fields.stageName)) throw conflict('Stage already exists');
  const deployment = fields.deploymentId === undefined ? undefined : deploymentOf(api, fields.deploymentId);
  const now = isoSeconds();
  const stage: Stage = {
    record: {
      stageName: fields.stageName,
      autoDeploy: fields.autoDeploy ?? false,
      createdDate: now,
      lastUpdatedDate: now,
      defaultRouteSettings: fields.defaultRouteSettings ?? { detailedMetricsEnabled: false },
      routeSettings: fields.routeSettings ?? {},
      stageVariables: fields.stageVariables ?? {},
      tags: fields.tags ?? {},
      description: fields.description,
      apiGatewayManaged,
    },
  };
  api.stages.set(stage.record.stageName, stage);
  if (stage.record.autoDeploy) serveDeployment(stage, createDeployment(api, true));
  else if (deployment) serveDeployment(stage, deployment);
  return stage;
}
