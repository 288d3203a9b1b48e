import { z } from 'zod';
import { apiId, defineAction, page, paging } from '../action.js';

export const getIntegrations = defineAction(
  { name: 'GetIntegrations', method: 'GET', path: '/v2/apis/:apiId/integrations', status: 200 },
  z.object({ apiId, ...paging }),
  (input, store, ctx) => page([...store.api(ctx.region, input.apiId).integrations.values()], input),
);
