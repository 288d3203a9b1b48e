import { z } from 'zod';
import { apiId, defineAction, page, paging } from '../action.js';

export const getIntegrations = defineAction(
  'GetIntegrations',
  'GET',
  '/v2/apis/:apiId/integrations',
  200,
  z.object({ apiId, ...paging }),
  (input, store, ctx) => page([...store.api(ctx.region, input.apiId).integrations.values()], input),
);
