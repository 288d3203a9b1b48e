import { defineAction, queueResource } from '../action.js';

/** DeleteMessage: fauxqs's, as it is. */
export const deleteMessage = defineAction({ name: 'DeleteMessage', action: 'sqs:DeleteMessage', resource: queueResource });
