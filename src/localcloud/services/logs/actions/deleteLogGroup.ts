import { z } from 'zod';
import { defineAction, logGroupName } from '../action.js';
import { groupNotFound } from '../errors.js';

export const deleteLogGroup = defineAction(z.object({ logGroupName }), (input, store, ctx) => {
  if (!store.deleteGroup(ctx.region, input.logGroupName)) throw groupNotFound();
  return {};
});
