import { z } from 'zod';
import { defineAction, groupResource, logGroupName } from '../action.js';
import { groupNotFound, invalidParameter } from '../errors.js';

/** The only retention periods CloudWatch Logs accepts. */
const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

export const putRetentionPolicy = defineAction(
  { name: 'PutRetentionPolicy', action: 'logs:PutRetentionPolicy', resource: groupResource },
  z.object({ logGroupName, retentionInDays: z.number().int() }),
  (input, store, ctx) => {
    if (!RETENTION_DAYS.includes(input.retentionInDays)) {
      throw invalidParameter(
        `1 validation error detected: Value '${input.retentionInDays}' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [${RETENTION_DAYS.join(', ')}]`,
      );
    }
    const group = store.groups(ctx.region).get(input.logGroupName);
    if (!group) throw groupNotFound();
    group.retentionInDays = input.retentionInDays;
    store.groupChanged(ctx.region, group);
    return {};
  },
);
