import { z } from 'zod';
import { apiId, defineAction, page, paging } from '../action.js';

export const getRoutes = defineAction('GetRoutes', 'GET', '/v2/apis/:apiId/routes', 200, z.object({ apiId, ...paging }), (input, store, ctx) =>
  page([...store.api(ctx.region, input.apiId).routes.values()], input),
);
