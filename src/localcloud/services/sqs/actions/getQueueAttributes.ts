import { defineAction, fauxqs, queueResource } from '../action.js';
import { withManagedSse } from '../responses.js';

/** GetQueueAttributes, with SqsManagedSseEnabled, which fauxqs does not have. */
export const getQueueAttributes = defineAction({ name: 'GetQueueAttributes', action: 'sqs:GetQueueAttributes', resource: queueResource }, async (req, sqs) => {
  const result = await fauxqs('GetQueueAttributes')(req, sqs);
  if (req.queue && result.Attributes) withManagedSse(result.Attributes as Record<string, string>, req.body, req.queue);
  return result;
});
