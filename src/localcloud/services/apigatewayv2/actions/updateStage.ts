import { z } from 'zod';
import { isoSeconds } from '../../../core/clock.js';
import { apiId, defineAction, stageMembers, stageName } from '../action.js';
import { createDeployment, serveDeployment } from '../deploy.js';
import { deploymentOf, stageOf } from '../store.js';

export const updateStage = defineAction(
  { name: 'UpdateStage', method: 'PATCH', path: '/v2/apis/:apiId/stages/:stageName', status: 200 },
  z.object({ apiId, stageName, ...stageMembers }),
  (input, store, ctx) => {
    const api = store.api(ctx.region, input.apiId);
    const stage = stageOf(api, input.stageName);
    const { record } = stage;
    const turnsOnAutoDeploy = input.autoDeploy === true && !record.autoDeploy;
    record.autoDeploy = input.autoDeploy ?? record.autoDeploy;
    record.description = input.description ?? record.description;
    record.stageVariables = input.stageVariables ?? record.stageVariables;
    record.defaultRouteSettings = input.defaultRouteSettings ?? record.defaultRouteSettings;
    record.routeSettings = input.routeSettings ?? record.routeSettings;
    record.lastUpdatedDate = isoSeconds();
    if (input.deploymentId !== undefined) serveDeployment(stage, deploymentOf(api, input.deploymentId));
    else if (turnsOnAutoDeploy) serveDeployment(stage, createDeployment(api, true));
    return record;
  },
);
