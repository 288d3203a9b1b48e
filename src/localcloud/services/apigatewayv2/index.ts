import type { ServerResponse } from 'node:http';
import { restJson } from '../../core/protocols/index.js';
import type { EdgeRequest } from '../../core/request.js';
import { Router } from '../../core/router.js';
import type { CallContext, CloudContext, ServicePlugin } from '../../core/types.js';
import { dispatch } from '../../core/operation.js';
import type { ApigwOperation } from './action.js';
import { badRequest, notFound } from './errors.js';
import { createInvoker } from './invoke/handler.js';
import { ApiStore, type SavedApi } from './store.js';
import { withRouteTable } from './deploy.js';
import { Snapshot } from '../../core/persist.js';
import { createApi, EXECUTE_API_PATH } from './actions/createApi.js';
import { createDeployment } from './actions/createDeployment.js';
import { createIntegration } from './actions/createIntegration.js';
import { createRoute } from './actions/createRoute.js';
import { createStage } from './actions/createStage.js';
import { deleteApi } from './actions/deleteApi.js';
import { deleteCorsConfiguration } from './actions/deleteCorsConfiguration.js';
import { deleteIntegration } from './actions/deleteIntegration.js';
import { deleteRoute } from './actions/deleteRoute.js';
import { deleteStage } from './actions/deleteStage.js';
import { getApi } from './actions/getApi.js';
import { getApis } from './actions/getApis.js';
import { getDeployment } from './actions/getDeployment.js';
import { getDeployments } from './actions/getDeployments.js';
import { getIntegration } from './actions/getIntegration.js';
import { getIntegrations } from './actions/getIntegrations.js';
import { getRoute } from './actions/getRoute.js';
import { getRoutes } from './actions/getRoutes.js';
import { getStage } from './actions/getStage.js';
import { getStages } from './actions/getStages.js';
import { getTags } from './actions/getTags.js';
import { tagResource } from './actions/tagResource.js';
import { untagResource } from './actions/untagResource.js';
import { updateApi } from './actions/updateApi.js';
import { updateIntegration } from './actions/updateIntegration.js';
import { updateRoute } from './actions/updateRoute.js';
import { updateStage } from './actions/updateStage.js';

const OPERATIONS: ApigwOperation[] = [
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

const router = new Router<ApigwOperation>();
for (const operation of OPERATIONS) router.add(operation.method, operation.path, operation);
/** API Gateway refuses with AccessDeniedException, 403. */
const CHECKS = { denied: { code: 'AccessDeniedException', status: 403 } };

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
    const operation = found.handler;
    const output = dispatch(operation, { http: req, params: found.params }, store, ctx, CHECKS);
    if (operation.method !== 'GET') snapshot.save();
    restJson.reply(res, operation.status, operation.status === 204 ? undefined : output, ctx.requestId);
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
