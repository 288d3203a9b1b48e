import { defineAction, fauxqs, queueResource } from '../action.js';

/** ListQueueTags: an empty answer when the queue has no tags, as AWS's (fauxqs answers `Tags: {}`). */
export const listQueueTags = defineAction({ name: 'ListQueueTags', action: 'sqs:ListQueueTags', resource: queueResource }, async (req, sqs) => {
  const result = await fauxqs('ListQueueTags')(req, sqs);
  return Object.keys((result.Tags ?? {}) as object).length === 0 ? {} : result;
});
