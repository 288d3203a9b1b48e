import { defineAction, fauxqs, queueResource } from '../action.js';

/** DeleteQueue: the name remembered (strict mode refuses to re-create it for a while), the deletion journaled. */
export const deleteQueue = defineAction({ name: 'DeleteQueue', action: 'sqs:DeleteQueue', resource: queueResource }, async (req, sqs, ctx) => {
  if (req.queue) sqs.deletedAt.set(`${ctx.region}/${req.queue.name}`, Date.now());
  const result = await fauxqs('DeleteQueue')(req, sqs);
  if (req.queue) sqs.journal.queueDeleted(req.queue.arn);
  return result;
});
