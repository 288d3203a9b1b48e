import { z } from 'zod';
import { defineAction, groupArn, pageLimit, pageToken } from '../action.js';

const DEFAULT_LIMIT = 50;

export const describeLogGroups = defineAction(
  z.object({ logGroupNamePrefix: z.string().max(512).optional(), nextToken: z.string().optional(), limit: pageLimit(50) }),
  (input, store, ctx) => {
    const after = input.nextToken ? pageToken.decode('g', input.nextToken) : '';
    const names = [...store.groups(ctx.region).keys()]
      .filter((name) => name.startsWith(input.logGroupNamePrefix ?? '') && name > after)
      .sort();
    const page = names.slice(0, input.limit ?? DEFAULT_LIMIT);
    const logGroups = page.map((name) => {
      const group = store.groups(ctx.region).get(name)!;
      const arn = groupArn(ctx, name);
      return {
        logGroupName: name,
        creationTime: group.creationTime,
        retentionInDays: group.retentionInDays,
        metricFilterCount: 0,
        arn: `${arn}:*`,
        storedBytes: group.storedBytes,
        logGroupClass: 'STANDARD',
        logGroupArn: arn,
      };
    });
    return { logGroups, nextToken: page.length < names.length ? pageToken.encode('g', page[page.length - 1]) : undefined };
  },
);
