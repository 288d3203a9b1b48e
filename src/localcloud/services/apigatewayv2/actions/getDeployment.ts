import { z } from 'zod';
import { apiId, defineAction } from '../action.js';
import { deploymentOf } from '../store.js';

export const getDeployment = defineAction(
  'GetDeployment',
  'GET',
  '/v2/apis/:apiId/deployments/:deploymentId',
  200,
  z.object({ apiId, deploymentId: z.string() }),
  (input, store, ctx) => deploymentOf(store.api(ctx.region, input.apiId), input.deploymentId).record,
);
