import { z } from 'zod';
import { apiId, defineAction, stageName } from '../action.js';
import { stageOf } from '../store.js';

export const deleteStage = defineAction(
  { name: 'DeleteStage', method: 'DELETE', path: '/v2/apis/:apiId/stages/:stageName', status: 204 },
  z.object({ apiId, stageName }),
  (input, store, ctx) => {
    const api = store.api(ctx.region, input.apiId);
    api.stages.delete(stageOf(api, input.stageName).record.stageName);
  },
);
