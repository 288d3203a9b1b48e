import { z } from 'zod';
import { apiId, corsConfiguration, defineAction } from '../action.js';
import { autoDeploy } from '../deploy.js';

export const updateApi = defineAction(
  { name: 'UpdateApi', method: 'PATCH', path: '/v2/apis/:apiId', status: 200 },
  z.object({
    apiId,
    name: z.string().min(1).max(128).optional(),
    description: z.string().max(1024).optional(),
    corsConfiguration: corsConfiguration.optional(),
    disableExecuteApiEndpoint: z.boolean().optional(),
    routeSelectionExpression: z.string().optional(),
    version: z.string().max(64).optional(),
  }),
  (input, store, ctx) => {
    const api = store.api(ctx.region, input.apiId);
    const { apiId: _id, ...changes } = input;
    for (const [key, value] of Object.entries(changes)) if (value !== undefined) Object.assign(api.record, { [key]: value });
    if (input.corsConfiguration) autoDeploy(api);
    return api.record;
  },
);
