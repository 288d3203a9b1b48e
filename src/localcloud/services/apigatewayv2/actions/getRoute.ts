import { z } from 'zod';
import { apiId, defineAction } from '../action.js';
import { routeOf } from '../store.js';

export const getRoute = defineAction('GetRoute', 'GET', '/v2/apis/:apiId/routes/:routeId', 200, z.object({ apiId, routeId: z.string() }), (input, store, ctx) =>
  routeOf(store.api(ctx.region, input.apiId), input.routeId),
);
