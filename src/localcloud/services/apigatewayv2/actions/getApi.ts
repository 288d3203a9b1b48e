import { z } from 'zod';
import { apiId, defineAction } from '../action.js';

export const getApi = defineAction(
  { name: 'GetApi', method: 'GET', path: '/v2/apis/:apiId', status: 200 },
  z.object({ apiId }),
  (input, store, ctx) => store.api(ctx.region, input.apiId).record,
);
