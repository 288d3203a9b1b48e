import type { ServerResponse } from 'node:http';
import { AwsError } from '../../core/errors.js';
import { byName, dispatch } from '../../core/operation.js';
import { header, jsonBody, type EdgeRequest } from '../../core/request.js';
import type { CallContext, CloudContext, ReceivedMessage, ServicePlugin, SqsApi } from '../../core/types.js';
import type { SqsOperation } from './action.js';
import { sqsProtocol } from './errors.js';
import { ALL_ATTRIBUTES, SqsQueues } from './store.js';
import { changeMessageVisibility } from './actions/changeMessageVisibility.js';
import { changeMessageVisibilityBatch } from './actions/changeMessageVisibilityBatch.js';
import { createQueue } from './actions/createQueue.js';
import { deleteMessage } from './actions/deleteMessage.js';
import { deleteMessageBatch } from './actions/deleteMessageBatch.js';
import { deleteQueue } from './actions/deleteQueue.js';
import { getQueueAttributes } from './actions/getQueueAttributes.js';
import { getQueueUrl } from './actions/getQueueUrl.js';
import { listQueueTags } from './actions/listQueueTags.js';
import { listQueues } from './actions/listQueues.js';
import { purgeQueue } from './actions/purgeQueue.js';
import { receiveMessage } from './actions/receiveMessage.js';
import { sendMessage } from './actions/sendMessage.js';
import { sendMessageBatch } from './actions/sendMessageBatch.js';
import { setQueueAttributes } from './actions/setQueueAttributes.js';
import { tagQueue } from './actions/tagQueue.js';
import { untagQueue } from './actions/untagQueue.js';

/** Every SQS operation the embedded cloud answers, by its X-Amz-Target name. */
const OPERATIONS = byName<SqsOperation>([
  changeMessageVisibility,
  changeMessageVisibilityBatch,
  createQueue,
  deleteMessage,
  deleteMessageBatch,
  deleteQueue,
  getQueueAttributes,
  getQueueUrl,
  listQueueTags,
  listQueues,
  purgeQueue,
  receiveMessage,
  sendMessage,
  sendMessageBatch,
  setQueueAttributes,
  tagQueue,
  untagQueue,
]);
/**
 * SQS refuses with AccessDenied, 403 (e.g. `httpStatusCode: 403` for a v3 client in island-is/island.is#7812,
 * `Status Code: 403` in aws/aws-sdk-php#188), naming the action in lower case: "is not authorized to perform:
 * sqs:sendmessage on resource: ..." (aws/serverless-application-model#3633; the same for sqs:receivemessage and
 * sqs:getqueueattributes in AWS CLI output quoted in public repositories).
 */
const CHECKS = { denied: { code: 'AccessDenied', status: 403, lowercaseAction: true } };

/** SQS: fauxqs's store (one per region: queues are regional) and operation handlers behind our edge, plus IAM checks and strict-mode rules. */
export function createSqs(cloud: CloudContext): ServicePlugin {
  const sqs = new SqsQueues(cloud);

  async function handle(req: EdgeRequest, res: ServerResponse, ctx: CallContext) {
    const target = header(req, 'x-amz-target') ?? '';
    const name = target.startsWith('AmazonSQS.') ? target.slice('AmazonSQS.'.length) : '';
    const operation = OPERATIONS.get(name);
    if (!operation) throw new AwsError('InvalidAction', `The action ${name || '(none)'} is not valid for this endpoint.`, 400);
    const body = jsonBody(req);
    const store = sqs.storeOf(ctx.region);
    // Queue URLs name the host the client used; accept any host for the same account/queue path.
    const queue = sqs.queueFromUrl(store, body.QueueUrl);
    if (queue) body.QueueUrl = queue.url;
    sqsProtocol.reply(res, await dispatch(operation, { body, store, queue, headers: req.headers }, sqs, ctx, CHECKS), ctx.requestId);
  }

  const api: SqsApi = {
    attributes(queueArn) {
      return sqs.storeOfArn(queueArn)?.getQueueByArn(queueArn)?.getAllAttributes(ALL_ATTRIBUTES);
    },
    async receive(queueArn, maxMessages, waitSeconds, signal) {
      const store = sqs.storeOfArn(queueArn);
      const queue = store?.getQueueByArn(queueArn);
      if (!store || !queue || signal?.aborted) return [];
      const receiveNow = async () => {
        const request = {
          QueueUrl: queue.url,
          MaxNumberOfMessages: maxMessages,
          WaitTimeSeconds: 0,
          MessageSystemAttributeNames: ALL_ATTRIBUTES,
          MessageAttributeNames: ALL_ATTRIBUTES,
        };
        return ((await sqs.handler('ReceiveMessage')(request, store, { headers: {} })) as { Messages?: ReceivedMessage[] }).Messages ?? [];
      };
      const messages = await receiveNow();
      if (messages.length > 0 || waitSeconds <= 0) return messages;
      // A long poll as fauxqs's own (wait for a message, then receive), except that one given up takes none:
      // a message taken only to be handed back would have its receive count raised, nearer the DLQ.
      return (await waitUnlessAborted(queue.waitForMessages(waitSeconds), signal)) ? receiveNow() : [];
    },
    deleteMessage(queueArn, receiptHandle) {
      sqs.storeOfArn(queueArn)?.getQueueByArn(queueArn)?.deleteMessage(receiptHandle);
    },
    changeVisibility(queueArn, receiptHandle, seconds) {
      sqs.storeOfArn(queueArn)?.getQueueByArn(queueArn)?.changeVisibility(receiptHandle, seconds);
    },
  };

  return {
    signingNames: ['sqs'],
    protocol: sqsProtocol,
    handle,
    async start() {
      await sqs.start();
      cloud.provide('sqs', api);
    },
    stop: () => sqs.stop(),
  };
}

/** Whether `wait` ended before `signal` aborted. A wait given up stays in fauxqs's waiters until a message or its timeout (20 s at most), then ends unheard. */
async function waitUnlessAborted(wait: Promise<void>, signal: AbortSignal | undefined): Promise<boolean> {
  if (!signal) {
    await wait;
    return true;
  }
  if (signal.aborted) return false;
  let onAbort = () => {};
  const aborted = new Promise<false>((resolve) => {
    onAbort = () => resolve(false);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([wait.then(() => true as const), aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
