import { z } from 'zod';
import { defineAction, page, paging } from '../action.js';

export const getApis = defineAction({ name: 'GetApis', method: 'GET', path: '/v2/apis', status: 200 }, z.object(paging), (input, store, ctx) =>
  page(
    store.list(ctx.region).map((a) => a.record),
    input,
  ),
);
