import { z } from 'zod';
import { apiId, defineAction } from '../action.js';
import { createDeployment as deploy, serveDeployment } from '../deploy.js';
import { badRequest } from '../errors.js';
import { stageOf } from '../store.js';

export const createDeployment = defineAction(
  { name: 'CreateDeployment', method: 'POST', path: '/v2/apis/:apiId/deployments', status: 201 },
  z.object({ apiId, stageName: z.string().optional(), description: z.string().max(1024).optional() }),
  (input, store, ctx) => {
    const api = store.api(ctx.region, input.apiId);
    const stage = input.stageName === undefined ? undefined : stageOf(api, input.stageName);
    if (api.routes.size === 0) throw badRequest('Unable to deploy API because no routes exist in this API');
    const deployment = deploy(api, false, input.description);
    if (stage) serveDeployment(stage, deployment);
    return deployment.record;
  },
);
