import { z } from 'zod';
import { apiId, defineAction, page, paging } from '../action.js';

export const getDeployments = defineAction(
  { name: 'GetDeployments', method: 'GET', path: '/v2/apis/:apiId/deployments', status: 200 },
  z.object({ apiId, ...paging }),
  (input, store, ctx) =>
    page(
      [...store.api(ctx.region, input.apiId).deployments.values()].map((d) => d.record),
      input,
    ),
);
