import type { ReceivedMessage } from '../../../core/types.js';
import { defineAction, fauxqs, queueResource } from '../action.js';
import { shapeReceived } from '../responses.js';
import { ALL_ATTRIBUTES } from '../store.js';

/** ReceiveMessage: fauxqs is asked for every message attribute; the answer keeps those the call asked for. */
export const receiveMessage = defineAction({ name: 'ReceiveMessage', action: 'sqs:ReceiveMessage', resource: queueResource }, async (req, sqs) => {
  const asked = { ...req.body };
  req.body.MessageAttributeNames = ALL_ATTRIBUTES;
  const result = await fauxqs('ReceiveMessage')(req, sqs);
  if (req.queue && result.Messages) shapeReceived(result.Messages as ReceivedMessage[], asked, req.queue, sqs.md5OfAttributes);
  return result;
});
