import { defineAction, namedQueueResource } from '../action.js';

/** GetQueueUrl: fauxqs's, as it is. */
export const getQueueUrl = defineAction({ name: 'GetQueueUrl', action: 'sqs:GetQueueUrl', resource: namedQueueResource });
