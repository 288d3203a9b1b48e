import { defineAction, fauxqs } from '../action.js';
import { listPage } from '../responses.js';

/** ListQueues: fauxqs lists every queue; the page (MaxResults, NextToken) is cut here, as AWS pages. */
export const listQueues = defineAction({ name: 'ListQueues', action: 'sqs:ListQueues' }, async (req, sqs) => {
  const asked = { ...req.body };
  delete req.body.MaxResults;
  const result = await fauxqs('ListQueues')(req, sqs);
  return listPage((result.QueueUrls ?? []) as string[], asked);
});
