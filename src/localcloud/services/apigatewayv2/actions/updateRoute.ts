import { z } from 'zod';
import { apiId, defineAction, routeMembers } from '../action.js';
import { autoDeploy } from '../deploy.js';
import { checkTarget } from '../records.js';
import { checkRouteConflicts } from '../routeKey.js';
import { routeOf } from '../store.js';

export const updateRoute = defineAction(
  { name: 'UpdateRoute', method: 'PATCH', path: '/v2/apis/:apiId/routes/:routeId', status: 200 },
  z.object({ apiId, routeId: z.string(), routeKey: z.string().optional(), ...routeMembers }),
  (input, store, ctx) => {
    const api = store.api(ctx.region, input.apiId);
    const route = routeOf(api, input.routeId);
    if (input.routeKey !== undefined && input.routeKey !== route.routeKey) {
      checkRouteConflicts(
        input.routeKey,
        [...api.routes.values()].filter((r) => r !== route).map((r) => r.routeKey),
      );
      route.routeKey = input.routeKey;
    }
    checkTarget(api, input.target);
    route.target = input.target ?? route.target;
    route.operationName = input.operationName ?? route.operationName;
    route.apiKeyRequired = input.apiKeyRequired ?? route.apiKeyRequired;
    autoDeploy(api);
    return route;
  },
);
