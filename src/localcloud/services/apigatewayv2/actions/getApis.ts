import { z } from 'zod';
import { defineAction, page, paging } from '../action.js';

export const getApis = defineAction('GetApis', 'GET', '/v2/apis', 200, z.object(paging), (input, store, ctx) =>
  page(
    store.list(ctx.region).map((a) => a.record),
    input,
  ),
);
