import type { ServerResponse } from 'node:http';
import { restJson } from '../../core/protocols/index.js';
import { jsonBody, type EdgeRequest } from '../../core/request.js';
import { Router } from '../../core/router.js';
import type { CallContext, CloudContext, ServicePlugin } from '../../core/types.js';
import { parseInput } from '../../core/validation.js';
import type { ApigwAction } from './action.js';
import { badRequest, notFound } from './errors.js';
import { createInvoker } from './invoke/handler.js';
import { ApiStore, type SavedApi } from './store.js';
import { withRouteTable } from './deploy.js';
import { Snapshot } from '../../core/persist.js';
import { createApi, EXECUTE_API_PATH } from './actions/create-api.js';
import { createDeployment } from './actions/create-deployment.js';
import { createIntegration } from './actions/create-integration.js';
import { createRoute } from './actions/create-route.js';
import { createStage } from './actions/create-stage.js';
import { deleteApi } from './actions/delete-api.js';
import { deleteCorsConfiguration } from './actions/delete-cors-configuration.js';
import { deleteIntegration } from './actions/delete-integration.js';
import { deleteRoute } from './actions/delete-route.js';
import { deleteStage } from './actions/delete-stage.js';
import { getApi } from './actions/get-api.js';
import { getApis } from './actions/get-apis.js';
import { getDeployment } from './actions/get-deployment.js';
import { getDeployments } from './actions/get-deployments.js';
import { getIntegration } from './actions/get-integration.js';
import { getIntegrations } from './actions/get-integrations.js';
import { getRoute } from './actions/get-route.js';
import { getRoutes } from './actions/get-routes.js';
import { getStage } from './actions/get-stage.js';
import { getStages } from './actions/get-stages.js';
import { getTags } from './actions/get-tags.js';
import { tagResource } from './actions/tag-resource.js';
import { untagResource } from './actions/untag-resource.js';
import { updateApi } from './actions/update-api.js';
import { updateIntegration } from './actions/update-integration.js';
import { updateRoute } from './actions/update-route.js';
import { updateStage } from './actions/update-stage.js';

const ACTIONS: ApigwAction[] = [
  createApi,
  getApi,
  getApis,
  updateApi,
  deleteApi,
  deleteCorsConfiguration,
  createIntegration,
  getIntegration,
  getIntegrations,
  updateIntegration,
  deleteIntegration,
  createRoute,
  getRoute,
  getRoutes,
  updateRoute,
  deleteRoute,
  createStage,
  getStage,
  getStages,
  updateStage,
  deleteStage,
  createDeployment,
  getDeployment,
  getDeployments,
  tagResource,
  untagResource,
  getTags,
];

const router = new Router<ApigwAction>();
for (const action of ACTIONS) router.add(action.method, action.path, action);

/** Query members as the schemas read them: a repeated key becomes an array. */
function queryMembers(query: URLSearchParams): Record<string, string | string[]> {
  const members: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    members[key] = values.length === 1 ? values[0] : values;
  }
  return members;
}

/** The resource an API Gateway call is authorized against: `arn:aws:apigateway:<region>::/apis/...`. */
const resourceArn = (req: EdgeRequest, region: string) => `arn:aws:apigateway:${region}::${req.path.replace(/^\/v2/, '')}`;

/** API Gateway v2 (HTTP APIs): the restJson1 control plane and the execute-api data plane. */
export function createApiGatewayV2(cloud: CloudContext): ServicePlugin {
  const store = new ApiStore();
  const invoke = createInvoker(store, cloud);
  let snapshot: Snapshot<SavedApi[]>;

  async function handle(req: EdgeRequest, res: ServerResponse, ctx: CallContext) {
    if (req.path.startsWith(EXECUTE_API_PATH)) return invoke(req, res, ctx);
    const found = router.match(req);
    if (!found)
      throw router.hasPath(req.path)
        ? badRequest(`Method ${req.method} is not allowed on ${req.path}`)
        : notFound(`No API Gateway v2 operation at ${req.method} ${req.path}`);
    const action = found.handler;
    cloud.authorize(ctx, `apigateway:${action.method}`, resourceArn(req, ctx.region), 'AccessDeniedException', 403);
    const input = parseInput(action.schema, { ...queryMembers(req.query), ...jsonBody<Record<string, unknown>>(req), ...found.params }, 'BadRequestException');
    const output = action.run(input, store, ctx);
    if (action.method !== 'GET') snapshot.save();
    restJson.reply(res, action.status, action.status === 204 ? undefined : output, ctx.requestId);
  }

  return {
    signingNames: ['apigateway'],
    protocol: restJson,
    handle,
    publicPathPrefixes: [EXECUTE_API_PATH],
    start() {
      const opened = Snapshot.open(cloud.options, 'apigatewayv2.json', 'API Gateway', () => store.saved());
      snapshot = opened.snapshot;
      store.restore(opened.saved ?? [], withRouteTable);
    },
    stop: () => snapshot.close(),
  };
}
