import { z } from 'zod';
import { defineAction, groupResource, logGroupName } from '../action.js';
import { groupNotFound } from '../errors.js';

export const deleteLogGroup = defineAction(
  { name: 'DeleteLogGroup', action: 'logs:DeleteLogGroup', resource: groupResource },
  z.object({ logGroupName }),
  (input, store, ctx) => {
    if (!store.deleteGroup(ctx.region, input.logGroupName)) throw groupNotFound();
    return {};
  },
);
