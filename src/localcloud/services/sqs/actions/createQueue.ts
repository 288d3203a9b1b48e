import { defineAction, fauxqs, namedQueueResource } from '../action.js';
import { refuseFifoAttributesOfStandardQueue, refuseRecentlyDeleted } from '../rules.js';

/** CreateQueue: strict mode's QueueDeletedRecently and AWS's refusal of FIFO attributes on a standard queue first; the new queue journaled. */
export const createQueue = defineAction({ name: 'CreateQueue', action: 'sqs:CreateQueue', resource: namedQueueResource }, async (req, sqs, ctx) => {
  refuseRecentlyDeleted(sqs.deletedAt, `${ctx.region}/${String(req.body.QueueName)}`, ctx.cloud.options.timings.queueDeletedRecentlyMs);
  refuseFifoAttributesOfStandardQueue(req.body);
  const result = await fauxqs('CreateQueue')(req, sqs);
  const queue = req.queue ?? sqs.queueFromUrl(req.store, result.QueueUrl);
  if (queue) sqs.journal.queueChanged(queue);
  return result;
});
