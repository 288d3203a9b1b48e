import { defineAction, fauxqs, queueResource } from '../action.js';
import { checkPurge } from '../rules.js';

/** PurgeQueue: one a minute per queue, as AWS allows; the purge journaled. */
export const purgeQueue = defineAction({ name: 'PurgeQueue', action: 'sqs:PurgeQueue', resource: queueResource }, async (req, sqs) => {
  if (req.queue) checkPurge(req.queue, sqs.purgedAt);
  const result = await fauxqs('PurgeQueue')(req, sqs);
  if (req.queue) sqs.journal.queuePurged(req.queue.arn);
  return result;
});
