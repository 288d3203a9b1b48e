import { defineAction, queueResource } from '../action.js';

/** ChangeMessageVisibilityBatch: fauxqs's, as it is. */
export const changeMessageVisibilityBatch = defineAction({
  name: 'ChangeMessageVisibilityBatch',
  action: 'sqs:ChangeMessageVisibility',
  resource: queueResource,
});
