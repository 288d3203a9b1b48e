import { defineAction, fauxqs, queueResource } from '../action.js';
import { checkMessage } from '../rules.js';

/** SendMessage: AWS's checks of MessageGroupId and attribute values first. */
export const sendMessage = defineAction({ name: 'SendMessage', action: 'sqs:SendMessage', resource: queueResource }, (req, sqs) => {
  checkMessage(req.body);
  return fauxqs('SendMessage')(req, sqs);
});
