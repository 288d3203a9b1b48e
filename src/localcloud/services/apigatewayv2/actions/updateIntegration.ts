import { z } from 'zod';
import { apiId, defineAction, integrationMembers } from '../action.js';
import { updateIntegration as update } from '../records.js';
import { integrationOf } from '../store.js';

export const updateIntegration = defineAction(
  { name: 'UpdateIntegration', method: 'PATCH', path: '/v2/apis/:apiId/integrations/:integrationId', status: 200 },
  z.object({ apiId, integrationId: z.string(), ...integrationMembers }),
  (input, store, ctx) => {
    const { apiId: id, integrationId, ...changes } = input;
    const api = store.api(ctx.region, id);
    return update(api, integrationOf(api, integrationId), changes);
  },
);
