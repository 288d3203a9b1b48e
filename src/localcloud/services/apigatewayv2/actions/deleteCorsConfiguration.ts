import { z } from 'zod';
import { apiId, defineAction } from '../action.js';
import { autoDeploy } from '../deploy.js';

export const deleteCorsConfiguration = defineAction(
  { name: 'DeleteCorsConfiguration', method: 'DELETE', path: '/v2/apis/:apiId/cors', status: 204 },
  z.object({ apiId }),
  (input, store, ctx) => {
    const api = store.api(ctx.region, input.apiId);
    api.record.corsConfiguration = undefined;
    autoDeploy(api);
  },
);
