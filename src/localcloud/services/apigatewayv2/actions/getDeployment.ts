import { z } from 'zod';
import { apiId, defineAction } from '../action.js';
import { deploymentOf } from '../store.js';

export const getDeployment = defineAction(
  { name: 'GetDeployment', method: 'GET', path: '/v2/apis/:apiId/deployments/:deploymentId', status: 200 },
  z.object({ apiId, deploymentId: z.string() }),
  (input, store, ctx) => deploymentOf(store.api(ctx.region, input.apiId), input.deploymentId).record,
);
