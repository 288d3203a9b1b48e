import { z } from 'zod';
import { isoSeconds } from '../../../core/clock.js';
import { shortId } from '../../../core/ids.js';
import { corsConfiguration, defineAction, tags } from '../action.js';
import { badRequest } from '../errors.js';
import { addIntegration, addRoute, addStage } from '../records.js';
import { DEFAULT_ROUTE_KEY } from '../routeKey.js';
import type { HttpApi } from '../store.js';

export const API_ID_LENGTH = 10;
export const EXECUTE_API_PATH = '/_aws/execute-api/';

/**
 * CreateApi for HTTP APIs. With `target` (quick create) it also makes the Lambda integration,
 * the route (`$default` unless `routeKey` says otherwise) and an auto-deployed `$default` stage.
 */
export const createApi = defineAction(
  { name: 'CreateApi', method: 'POST', path: '/v2/apis', status: 201 },
  z.object({
    name: z.string().min(1).max(128),
    protocolType: z.enum(['HTTP', 'WEBSOCKET']),
    corsConfiguration: corsConfiguration.optional(),
    description: z.string().max(1024).optional(),
    disableExecuteApiEndpoint: z.boolean().optional(),
    routeSelectionExpression: z.string().optional(),
    version: z.string().max(64).optional(),
    tags: tags.optional(),
    target: z.string().optional(),
    routeKey: z.string().optional(),
  }),
  (input, store, ctx) => {
    if (input.protocolType !== 'HTTP') throw badRequest('WebSocket APIs are not supported by the embedded cloud: use ProtocolType HTTP');
    const apiId = shortId(API_ID_LENGTH);
    const api: HttpApi = {
      region: ctx.region,
      record: {
        apiId,
        name: input.name,
        protocolType: 'HTTP',
        // LocalStack's convention, on a host that resolves: the invoke URL of stage `prod` is `${apiEndpoint}/prod`.
        apiEndpoint: `${ctx.cloud.endpoint}${EXECUTE_API_PATH}${apiId}`,
        apiKeySelectionExpression: '$request.header.x-api-key',
        routeSelectionExpression: input.routeSelectionExpression ?? '$request.method $request.path',
        createdDate: isoSeconds(),
        description: input.description,
        corsConfiguration: input.corsConfiguration,
        disableExecuteApiEndpoint: input.disableExecuteApiEndpoint ?? false,
        version: input.version,
        tags: input.tags ?? {},
      },
      integrations: new Map(),
      routes: new Map(),
      stages: new Map(),
      deployments: new Map(),
    };
    if (input.target) {
      const integration = addIntegration(api, { integrationType: 'AWS_PROXY', integrationUri: input.target, payloadFormatVersion: '2.0' }, true);
      addRoute(api, { routeKey: input.routeKey ?? DEFAULT_ROUTE_KEY, target: `integrations/${integration.integrationId}` }, true);
      addStage(api, { stageName: '$default', autoDeploy: true }, true);
    }
    store.add(api);
    return api.record;
  },
);
