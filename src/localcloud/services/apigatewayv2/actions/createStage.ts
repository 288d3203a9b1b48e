import { z } from 'zod';
import { apiId, defineAction, stageMembers, stageName, tags } from '../action.js';
import { addStage } from '../records.js';

export const createStage = defineAction(
  { name: 'CreateStage', method: 'POST', path: '/v2/apis/:apiId/stages', status: 201 },
  z.object({ apiId, stageName, ...stageMembers, tags: tags.optional() }),
  (input, store, ctx) => addStage(store.api(ctx.region, input.apiId), input).record,
);
