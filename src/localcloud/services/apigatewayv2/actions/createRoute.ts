import { z } from 'zod';
import { apiId, defineAction, routeMembers } from '../action.js';
import { addRoute } from '../records.js';

export const createRoute = defineAction(
  { name: 'CreateRoute', method: 'POST', path: '/v2/apis/:apiId/routes', status: 201 },
  z.object({ apiId, routeKey: z.string(), ...routeMembers }),
  (input, store, ctx) => addRoute(store.api(ctx.region, input.apiId), input),
);
