import { z } from 'zod';
import { apiId, defineAction, integrationMembers } from '../action.js';
import { addIntegration } from '../records.js';

export const createIntegration = defineAction(
  'CreateIntegration',
  'POST',
  '/v2/apis/:apiId/integrations',
  201,
  z.object({ apiId, ...integrationMembers, integrationType: z.string() }),
  (input, store, ctx) => {
    const { apiId: id, ...fields } = input;
    return addIntegration(store.api(ctx.region, id), fields);
  },
);
