import { defineAction, fauxqs, queueResource } from '../action.js';

/** UntagQueue: the queue journaled. */
export const untagQueue = defineAction({ name: 'UntagQueue', action: 'sqs:UntagQueue', resource: queueResource }, async (req, sqs) => {
  const result = await fauxqs('UntagQueue')(req, sqs);
  if (req.queue) sqs.journal.queueChanged(req.queue);
  return result;
});
