import { z } from 'zod';
import { apiId, defineAction, integrationMembers } from '../action.js';
import { addIntegration } from '../records.js';

export const createIntegration = defineAction(
  { name: 'CreateIntegration', method: 'POST', path: '/v2/apis/:apiId/integrations', status: 201 },
  z.object({ apiId, ...integrationMembers, integrationType: z.string() }),
  (input, store, ctx) => {
    const { apiId: id, ...fields } = input;
    return addIntegration(store.api(ctx.region, id), fields);
  },
);
