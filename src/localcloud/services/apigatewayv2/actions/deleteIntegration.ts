import { z } from 'zod';
import { apiId, defineAction } from '../action.js';
import { conflict } from '../errors.js';
import { integrationOf } from '../store.js';

export const deleteIntegration = defineAction(
  { name: 'DeleteIntegration', method: 'DELETE', path: '/v2/apis/:apiId/integrations/:integrationId', status: 204 },
  z.object({ apiId, integrationId: z.string() }),
  (input, store, ctx) => {
    const api = store.api(ctx.region, input.apiId);
    const { integrationId } = integrationOf(api, input.integrationId);
    const user = [...api.routes.values()].find((r) => r.target === `integrations/${integrationId}`);
    if (user) throw conflict(`Integration ${integrationId} is the target of route ${user.routeId} (${user.routeKey}); change or delete the route first`);
    api.integrations.delete(integrationId);
  },
);
