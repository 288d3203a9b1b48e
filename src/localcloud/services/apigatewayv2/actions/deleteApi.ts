import { z } from 'zod';
import { apiId, defineAction } from '../action.js';

export const deleteApi = defineAction(
  { name: 'DeleteApi', method: 'DELETE', path: '/v2/apis/:apiId', status: 204 },
  z.object({ apiId }),
  (input, store, ctx) => {
    store.delete(store.api(ctx.region, input.apiId));
  },
);
