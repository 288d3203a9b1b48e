import { z } from 'zod';
import { apiId, defineAction, page, paging } from '../action.js';

export const getStages = defineAction(
  { name: 'GetStages', method: 'GET', path: '/v2/apis/:apiId/stages', status: 200 },
  z.object({ apiId, ...paging }),
  (input, store, ctx) =>
    page(
      [...store.api(ctx.region, input.apiId).stages.values()].map((s) => s.record),
      input,
    ),
);
