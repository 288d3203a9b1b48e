import { z } from 'zod';
import { apiId, defineAction } from '../action.js';

export const deleteApi = defineAction('DeleteApi', 'DELETE', '/v2/apis/:apiId', 204, z.object({ apiId }), (input, store, ctx) => {
  store.delete(store.api(ctx.region, input.apiId));
});
