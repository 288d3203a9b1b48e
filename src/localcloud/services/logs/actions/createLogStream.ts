import { z } from 'zod';
import { defineAction, groupResource, logGroupName, logStreamName } from '../action.js';
import { groupNotFound, streamExists } from '../errors.js';

export const createLogStream = defineAction(
  { name: 'CreateLogStream', action: 'logs:CreateLogStream', resource: groupResource },
  z.object({ logGroupName, logStreamName }),
  (input, store, ctx) => {
    const group = store.groups(ctx.region).get(input.logGroupName);
    if (!group) throw groupNotFound();
    if (group.streams.has(input.logStreamName)) throw streamExists();
    // An append of no events makes the stream (and journals it in a durable cloud).
    store.append(ctx.region, group.name, input.logStreamName, [], Date.now());
    return {};
  },
);
