import { z } from 'zod';
import { apiId, defineAction } from '../action.js';
import { routeOf } from '../store.js';

export const getRoute = defineAction(
  { name: 'GetRoute', method: 'GET', path: '/v2/apis/:apiId/routes/:routeId', status: 200 },
  z.object({ apiId, routeId: z.string() }),
  (input, store, ctx) => routeOf(store.api(ctx.region, input.apiId), input.routeId),
);
