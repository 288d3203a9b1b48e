import { z } from 'zod';
import { defineAction, groupArn, pageLimit, pageToken } from '../action.js';
import { invalidParameter } from '../errors.js';

const DEFAULT_LIMIT = 50;

export const describeLogGroups = defineAction(
  { name: 'DescribeLogGroups', action: 'logs:DescribeLogGroups' },
  z.object({
    logGroupNamePrefix: z.string().max(512).optional(),
    logGroupNamePattern: z.string().max(512).optional(),
    nextToken: z.string().optional(),
    limit: pageLimit(50),
  }),
  (input, store, ctx) => {
    if (input.logGroupNamePrefix !== undefined && input.logGroupNamePattern !== undefined) {
      throw invalidParameter('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
    }
    const after = input.nextToken ? pageToken.decode('g', input.nextToken) : '';
    // A pattern matches anywhere in the name, ignoring case.
    const pattern = input.logGroupNamePattern?.toLowerCase() ?? '';
    const names = [...store.groups(ctx.region).keys()]
      .filter((name) => name.startsWith(input.logGroupNamePrefix ?? '') && name.toLowerCase().includes(pattern) && name > after)
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
        deletionProtectionEnabled: false,
      };
    });
    return { logGroups, nextToken: page.length < names.length ? pageToken.encode('g', page[page.length - 1]) : undefined };
  },
);
