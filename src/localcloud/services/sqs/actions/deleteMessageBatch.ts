import { defineAction, queueResource } from '../action.js';

/** DeleteMessageBatch: fauxqs's, as it is. */
export const deleteMessageBatch = defineAction({ name: 'DeleteMessageBatch', action: 'sqs:DeleteMessage', resource: queueResource });
