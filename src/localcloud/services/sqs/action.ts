import type { IncomingHttpHeaders } from 'node:http';
import { arn } from '../../core/arn.js';
import { asDecoded, type Operation } from '../../core/operation.js';
import type { CallContext } from '../../core/types.js';
import type { FauxQueue, FauxStore, SqsQueues } from './store.js';

/** An SQS call as the awsJson binding decodes it: the body (QueueUrl on our host), the region's store, the queue it names when it exists. */
export interface SqsRequest {
  body: Record<string, unknown>;
  store: FauxStore;
  queue: FauxQueue | undefined;
  headers: IncomingHttpHeaders;
}

/**
 * One SQS operation (core/operation.ts): fauxqs's handler of the same name does the work; an operation
 * adds what AWS checks and fauxqs does not (rules.ts) and shapes fauxqs's answer as AWS's (responses.ts).
 * SQS authorizes a call before any of that; fauxqs validates the members.
 */
export type SqsOperation = Operation<SqsRequest, SqsRequest, SqsQueues, CallContext, Promise<unknown>>;

/** The queue a call names by its URL, as IAM sees it: its ARN. */
export const queueResource = ({ queue, body }: SqsRequest, _sqs: SqsQueues, ctx: CallContext) =>
  queue?.arn ??
  arn(
    'sqs',
    ctx.region,
    String(body.QueueUrl ?? '')
      .split('/')
      .pop() ?? '*',
  );

/** The queue a call names by its QueueName (CreateQueue, GetQueueUrl). */
export const namedQueueResource = ({ body }: SqsRequest, _sqs: SqsQueues, ctx: CallContext) => arn('sqs', ctx.region, String(body.QueueName ?? '*'));

/** fauxqs's answer to the call as it is. */
export const fauxqs = (name: string) => (req: SqsRequest, sqs: SqsQueues) => sqs.call(name, req.body, req.store, req.headers);

/** The name, IAM action and resource of an SQS operation, then its handler: by default fauxqs's, as it is. */
export const defineAction = (head: Pick<SqsOperation, 'name' | 'action' | 'resource'>, run: SqsOperation['run'] = fauxqs(head.name)): SqsOperation => ({
  ...head,
  parse: asDecoded,
  run,
});
