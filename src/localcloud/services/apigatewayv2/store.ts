import type { AwsError } from '../../core/errors.js';
import type { CompiledRoute, RouteTable } from './invoke/routeTable.js';
import type { CorsConfiguration } from './invoke/cors.js';
import { invalidIdentifier, stageNotFound } from './errors.js';

/**
 * Records are kept in their wire shape (lowerCamelCase members, as the restJson1 protocol of
 * API Gateway v2 writes them), so an operation's answer is the record itself.
 */
export type Tags = Record<string, string>;

export interface ApiRecord {
  apiId: string;
  name: string;
  protocolType: 'HTTP';
  apiEndpoint: string;
  apiKeySelectionExpression: string;
  routeSelectionExpression: string;
  createdDate: string;
  description?: string;
  corsConfiguration?: CorsConfiguration;
  disableExecuteApiEndpoint: boolean;
  version?: string;
  tags: Tags;
}

export interface IntegrationRecord {
  integrationId: string;
  integrationType: 'AWS_PROXY';
  integrationUri: string;
  integrationMethod: 'POST';
  connectionType: 'INTERNET';
  payloadFormatVersion: '1.0' | '2.0';
  timeoutInMillis: number;
  description?: string;
  apiGatewayManaged?: boolean;
}

export interface RouteRecord {
  routeId: string;
  routeKey: string;
  target?: string;
  authorizationType: 'NONE';
  apiKeyRequired: boolean;
  operationName?: string;
  apiGatewayManaged?: boolean;
}

export interface StageRecord {
  stageName: string;
  autoDeploy: boolean;
  createdDate: string;
  lastUpdatedDate: string;
  defaultRouteSettings: Record<string, unknown>;
  routeSettings: Record<string, unknown>;
  stageVariables: Record<string, string>;
  tags: Tags;
  description?: string;
  deploymentId?: string;
  lastDeploymentStatusMessage?: string;
  apiGatewayManaged?: boolean;
}

export interface DeploymentRecord {
  deploymentId: string;
  deploymentStatus: 'DEPLOYED';
  autoDeployed: boolean;
  createdDate: string;
  description?: string;
}

/** The routes (with their integrations) and CORS of an API as they stood when deployed. */
export interface FrozenDeployment {
  record: DeploymentRecord;
  routes: CompiledRoute[];
  cors?: CorsConfiguration;
}

/** A deployment, compiled into the route table the invoke path serves. */
export interface Deployment extends FrozenDeployment {
  table: RouteTable;
}

/** An API as a durable cloud keeps it: deployments without their route tables, stages naming theirs by id. */
export interface SavedApi extends Omit<HttpApi, 'stages' | 'deployments'> {
  stages: StageRecord[];
  deployments: FrozenDeployment[];
}

export interface Stage {
  record: StageRecord;
  /** What the stage serves: its deployment (auto-deploy stages follow every change). */
  deployment?: Deployment;
}

export interface HttpApi {
  region: string;
  record: ApiRecord;
  integrations: Map<string, IntegrationRecord>;
  routes: Map<string, RouteRecord>;
  stages: Map<string, Stage>;
  deployments: Map<string, Deployment>;
}

/** The ARN API Gateway tags and authorizes by: `arn:aws:apigateway:<region>::/apis/<id>[/stages/<name>]`. */
export const apiArn = (region: string, apiId: string) => `arn:aws:apigateway:${region}::/apis/${apiId}`;

/** HTTP APIs of every region; ids are unique across regions, so the invoke path needs only the id. */
export class ApiStore {
  private readonly byId = new Map<string, HttpApi>();

  add(api: HttpApi): void {
    this.byId.set(api.record.apiId, api);
  }

  delete(api: HttpApi): void {
    this.byId.delete(api.record.apiId);
  }

  /** For the invoke path: any region. */
  find(apiId: string): HttpApi | undefined {
    return this.byId.get(apiId);
  }

  api(region: string, apiId: string): HttpApi {
    const api = this.byId.get(apiId);
    if (!api || api.region !== region) throw invalidIdentifier('API', apiId);
    return api;
  }

  list(region: string): HttpApi[] {
    return [...this.byId.values()].filter((a) => a.region === region);
  }

  saved(): SavedApi[] {
    return [...this.byId.values()].map((api) => ({
      ...api,
      stages: [...api.stages.values()].map((stage) => stage.record),
      deployments: [...api.deployments.values()].map(({ table: _table, ...frozen }) => frozen),
    }));
  }

  restore(saved: SavedApi[], compile: (frozen: FrozenDeployment) => Deployment): void {
    for (const api of saved) {
      const deployments = new Map(api.deployments.map((frozen) => [frozen.record.deploymentId, compile(frozen)]));
      const stages = new Map(
        api.stages.map((record) => [record.stageName, { record, deployment: record.deploymentId ? deployments.get(record.deploymentId) : undefined }]),
      );
      this.add({ ...api, stages, deployments });
    }
  }
}

function lookup<T>(items: Map<string, T>, key: string, missing: (key: string) => AwsError): T {
  const item = items.get(key);
  if (item === undefined) throw missing(key);
  return item;
}

export const routeOf = (api: HttpApi, routeId: string) => lookup(api.routes, routeId, (id) => invalidIdentifier('Route', id));
export const integrationOf = (api: HttpApi, integrationId: string) => lookup(api.integrations, integrationId, (id) => invalidIdentifier('Integration', id));
export const stageOf = (api: HttpApi, stageName: string) => lookup(api.stages, stageName, stageNotFound);
export const deploymentOf = (api: HttpApi, deploymentId: string) => lookup(api.deployments, deploymentId, (id) => invalidIdentifier('Deployment', id));
