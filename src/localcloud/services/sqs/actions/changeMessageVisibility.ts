import { defineAction, queueResource } from '../action.js';

/** ChangeMessageVisibility: fauxqs's, as it is. */
export const changeMessageVisibility = defineAction({ name: 'ChangeMessageVisibility', action: 'sqs:ChangeMessageVisibility', resource: queueResource });
