import { z } from 'zod';
import { defineAction, groupResource, logGroupName } from '../action.js';
import { groupExists } from '../errors.js';

export const createLogGroup = defineAction(
  { name: 'CreateLogGroup', action: 'logs:CreateLogGroup', resource: groupResource },
  z.object({ logGroupName, kmsKeyId: z.string().optional(), tags: z.record(z.string(), z.string()).optional(), logGroupClass: z.string().optional() }),
  (input, store, ctx) => {
    if (store.groups(ctx.region).has(input.logGroupName)) throw groupExists();
    store.groupChanged(ctx.region, store.createGroup(ctx.region, input.logGroupName));
    return {};
  },
);
