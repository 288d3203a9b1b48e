import { defineAction, queueResource } from '../action.js';

/** SendMessageBatch: fauxqs's, as it is. */
export const sendMessageBatch = defineAction({ name: 'SendMessageBatch', action: 'sqs:SendMessage', resource: queueResource });
