import { z } from 'zod';
import { apiId, defineAction, stageName } from '../action.js';
import { stageOf } from '../store.js';

export const getStage = defineAction(
  { name: 'GetStage', method: 'GET', path: '/v2/apis/:apiId/stages/:stageName', status: 200 },
  z.object({ apiId, stageName }),
  (input, store, ctx) => stageOf(store.api(ctx.region, input.apiId), input.stageName).record,
);
