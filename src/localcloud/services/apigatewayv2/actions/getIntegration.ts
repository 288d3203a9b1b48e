import { z } from 'zod';
import { apiId, defineAction } from '../action.js';
import { integrationOf } from '../store.js';

export const getIntegration = defineAction(
  { name: 'GetIntegration', method: 'GET', path: '/v2/apis/:apiId/integrations/:integrationId', status: 200 },
  z.object({ apiId, integrationId: z.string() }),
  (input, store, ctx) => integrationOf(store.api(ctx.region, input.apiId), input.integrationId),
);
