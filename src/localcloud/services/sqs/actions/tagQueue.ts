import { defineAction, fauxqs, queueResource } from '../action.js';

/** TagQueue: the queue journaled. */
export const tagQueue = defineAction({ name: 'TagQueue', action: 'sqs:TagQueue', resource: queueResource }, async (req, sqs) => {
  const result = await fauxqs('TagQueue')(req, sqs);
  if (req.queue) sqs.journal.queueChanged(req.queue);
  return result;
});
