import { defineAction, fauxqs, queueResource } from '../action.js';
import { checkQueueAttributes } from '../rules.js';

/** SetQueueAttributes: AWS's refusals of FIFO attributes first; the queue journaled. */
export const setQueueAttributes = defineAction({ name: 'SetQueueAttributes', action: 'sqs:SetQueueAttributes', resource: queueResource }, async (req, sqs) => {
  if (req.queue) checkQueueAttributes(req.body, req.queue);
  const result = await fauxqs('SetQueueAttributes')(req, sqs);
  if (req.queue) sqs.journal.queueChanged(req.queue);
  return result;
});
