import type { ServerResponse } from 'node:http';
import { AwsError } from '../../core/errors.js';
import { header, jsonBody, type EdgeRequest } from '../../core/request.js';
import type { CallContext, CloudContext, ReceivedMessage, ServicePlugin, SqsApi } from '../../core/types.js';
import { arn } from '../../core/arn.js';
import { PerRegion } from '../../core/regions.js';
import { fauxqsModule, loadSqsHandlers, type FauxHandler } from './fauxqs.js';
import { fromFauxqsError, sqsProtocol } from './errors.js';
import { redriveAsAws } from './redrive.js';
import { SqsJournal, type JournaledQueue } from './journal.js';
import { checkRequest, PURGE_INTERVAL_MS } from './rules.js';
import { listPage, shapeReceived, withManagedSse } from './responses.js';

const ALL_ATTRIBUTES = ['All'];

interface FauxStore {
  host: string;
  readonly queues: Map<string, FauxQueue>;
  createQueue(name: string, url: string, arn: string, attributes: Record<string, string>, tags: Record<string, string>): FauxQueue;
  getQueue(url: string): FauxQueue | undefined;
  getQueueByName(name: string): FauxQueue | undefined;
  getQueueByArn(arn: string): FauxQueue | undefined;
  shutdown(): void;
}
interface FauxQueue extends JournaledQueue {
  isFifo(): boolean;
  getAllAttributes(names: string[]): Record<string, string>;
}
type Md5OfAttributes = (attributes: Record<string, unknown>) => string;

/** SQS: fauxqs's store (one per region: queues are regional) and operation handlers behind our edge, plus IAM checks and strict-mode rules. */
export function createSqs(cloud: CloudContext): ServicePlugin {
  let stores: PerRegion<FauxStore>;
  let handlers: Map<string, FauxHandler>;
  const deletedAt = new Map<string, number>();
  const purgedAt = new WeakMap<FauxQueue, number>();
  let md5OfAttributes: Md5OfAttributes;
  let journal: SqsJournal;

  const storeOf = (region: string) => stores.of(region);
  /** The store of a queue's region (arn:aws:sqs:<region>:<account>:<name>), if that region has one yet. */
  const storeOfArn = (queueArn: string) => stores.existing(queueArn.split(':')[3] ?? '');

  const queueFromUrl = (store: FauxStore, url: unknown) =>
    typeof url === 'string' ? (store.getQueue(url) ?? store.getQueueByName(url.split('/').pop() ?? '')) : undefined;

  function resourceOf(action: string, body: Record<string, unknown>, ctx: CallContext): string {
    if (action === 'CreateQueue' || action === 'GetQueueUrl') return arn('sqs', ctx.region, String(body.QueueName ?? '*'));
    if (action === 'ListQueues') return '*';
    return (
      queueFromUrl(storeOf(ctx.region), body.QueueUrl)?.arn ??
      arn(
        'sqs',
        ctx.region,
        String(body.QueueUrl ?? '')
          .split('/')
          .pop() ?? '*',
      )
    );
  }

  function checkPurge(queue: FauxQueue) {
    const at = purgedAt.get(queue);
    if (at !== undefined && Date.now() - at < PURGE_INTERVAL_MS) {
      throw new AwsError('PurgeQueueInProgress', `Only one PurgeQueue operation on ${queue.name} is allowed every 60 seconds.`, 403);
    }
    purgedAt.set(queue, Date.now());
  }

  /** fauxqs's answer as AWS's: see responses.ts. */
  function shape(action: string, body: Record<string, unknown>, asked: Record<string, unknown>, result: unknown, queue: FauxQueue | undefined) {
    const out = result as Record<string, unknown>;
    if (action === 'ReceiveMessage' && queue && out.Messages) shapeReceived(out.Messages as ReceivedMessage[], asked, queue, md5OfAttributes);
    else if (action === 'GetQueueAttributes' && queue && out.Attributes) withManagedSse(out.Attributes as Record<string, string>, body, queue);
    else if (action === 'ListQueueTags' && Object.keys((out.Tags ?? {}) as object).length === 0) return {};
    else if (action === 'ListQueues') return listPage((out.QueueUrls ?? []) as string[], asked);
    return out;
  }

  function checkStrictRules(action: string, body: Record<string, unknown>, ctx: CallContext) {
    const window = cloud.options.timings.queueDeletedRecentlyMs;
    if (action === 'DeleteQueue') {
      const queue = queueFromUrl(storeOf(ctx.region), body.QueueUrl);
      if (queue) deletedAt.set(`${ctx.region}/${queue.name}`, Date.now());
    } else if (action === 'CreateQueue' && window > 0) {
      const at = deletedAt.get(`${ctx.region}/${String(body.QueueName)}`);
      if (at !== undefined && Date.now() - at < window) {
        throw new AwsError(
          'QueueDeletedRecently',
          'You must wait 60 seconds after deleting a queue before you can create another with the same name.',
          400,
          true,
        );
      }
    }
  }

  async function handle(req: EdgeRequest, res: ServerResponse, ctx: CallContext) {
    const target = header(req, 'x-amz-target') ?? '';
    const action = target.startsWith('AmazonSQS.') ? target.slice('AmazonSQS.'.length) : '';
    const handler = handlers.get(action);
    if (!handler) throw new AwsError('InvalidAction', `The action ${action || '(none)'} is not valid for this endpoint.`, 400);
    const body = jsonBody(req);
    const store = storeOf(ctx.region);
    // Queue URLs name the host the client used; accept any host for the same account/queue path.
    const queue = queueFromUrl(store, body.QueueUrl);
    if (queue) body.QueueUrl = queue.url;
    cloud.authorize(ctx, `sqs:${action}`, resourceOf(action, body, ctx), 'AccessDenied');
    checkStrictRules(action, body, ctx);
    checkRequest(action, body, queue);
    if (action === 'PurgeQueue' && queue) checkPurge(queue);
    // fauxqs is asked for every message attribute and the whole queue list; shape() keeps what the call asked for.
    const asked = { ...body };
    if (action === 'ReceiveMessage') body.MessageAttributeNames = ALL_ATTRIBUTES;
    if (action === 'ListQueues') delete body.MaxResults;
    let result: unknown;
    try {
      result = await handler(body, store, { headers: req.headers });
    } catch (err) {
      throw fromFauxqsError(err);
    }
    journalQueueChange(action, queue ?? queueFromUrl(store, (result as { QueueUrl?: string } | undefined)?.QueueUrl));
    sqsProtocol.reply(res, shape(action, body, asked, result, queue), ctx.requestId);
  }

  /** Queue-level changes (message-level ones are journaled by the queue's hooks, see journal.ts). */
  function journalQueueChange(action: string, queue: FauxQueue | undefined) {
    if (!queue) return;
    if (action === 'CreateQueue' || action === 'SetQueueAttributes' || action === 'TagQueue' || action === 'UntagQueue') journal.queueChanged(queue);
    else if (action === 'DeleteQueue') journal.queueDeleted(queue.arn);
    else if (action === 'PurgeQueue') journal.queuePurged(queue.arn);
  }

  const api: SqsApi = {
    attributes(queueArn) {
      return storeOfArn(queueArn)?.getQueueByArn(queueArn)?.getAllAttributes(ALL_ATTRIBUTES);
    },
    async receive(queueArn, maxMessages, waitSeconds) {
      const store = storeOfArn(queueArn);
      const queue = store?.getQueueByArn(queueArn);
      if (!store || !queue) return [];
      const result = (await handlers.get('ReceiveMessage')!(
        {
          QueueUrl: queue.url,
          MaxNumberOfMessages: maxMessages,
          WaitTimeSeconds: waitSeconds,
          MessageSystemAttributeNames: ALL_ATTRIBUTES,
          MessageAttributeNames: ALL_ATTRIBUTES,
        },
        store,
        { headers: {} },
      )) as { Messages?: ReceivedMessage[] };
      return result.Messages ?? [];
    },
    deleteMessage(queueArn, receiptHandle) {
      storeOfArn(queueArn)?.getQueueByArn(queueArn)?.deleteMessage(receiptHandle);
    },
    changeVisibility(queueArn, receiptHandle, seconds) {
      storeOfArn(queueArn)?.getQueueByArn(queueArn)?.changeVisibility(receiptHandle, seconds);
    },
  };

  return {
    signingNames: ['sqs'],
    protocol: sqsProtocol,
    handle,
    async start() {
      const { SqsStore } = await fauxqsModule<{ SqsStore: new () => FauxStore }>('sqs/sqsStore.js');
      stores = new PerRegion(() => {
        const store = new SqsStore();
        const createQueue = store.createQueue.bind(store);
        store.createQueue = (...args) => journal.watch(redriveAsAws(createQueue(...args)));
        // Path-style queue URLs on the edge's own host (LocalStack's SQS_ENDPOINT_STRATEGY=path): no DNS needed.
        store.host = '';
        return store;
      });
      journal = new SqsJournal(cloud.options, () => stores.all().flatMap((store) => [...store.queues.values()]));
      journal.restore((q) => stores.of(q.arn.split(':')[3]).createQueue(q.name, q.url, q.arn, q.attributes, Object.fromEntries(q.tags)));
      handlers = await loadSqsHandlers();
      ({ md5OfMessageAttributes: md5OfAttributes } = await fauxqsModule<{ md5OfMessageAttributes: Md5OfAttributes }>('common/md5.js'));
      cloud.provide('sqs', api);
    },
    stop() {
      journal?.close();
      for (const store of stores?.all() ?? []) store.shutdown();
    },
  };
}
