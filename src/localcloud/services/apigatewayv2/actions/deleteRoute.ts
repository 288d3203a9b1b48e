import { z } from 'zod';
import { apiId, defineAction } from '../action.js';
import { autoDeploy } from '../deploy.js';
import { routeOf } from '../store.js';

export const deleteRoute = defineAction(
  { name: 'DeleteRoute', method: 'DELETE', path: '/v2/apis/:apiId/routes/:routeId', status: 204 },
  z.object({ apiId, routeId: z.string() }),
  (input, store, ctx) => {
    const api = store.api(ctx.region, input.apiId);
    api.routes.delete(routeOf(api, input.routeId).routeId);
    autoDeploy(api);
  },
);
