import { z } from 'zod';
import { apiId, defineAction } from '../action.js';

export const getApi = defineAction(
  'GetApi',
  'GET',
  '/v2/apis/:apiId',
  200,
  z.object({ apiId }),
  (input, store, ctx) => store.api(ctx.region, input.apiId).record,
);
