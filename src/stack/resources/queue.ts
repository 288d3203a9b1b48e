import { drift } from '../drift.js';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueueTagsCommand,
  SetQueueAttributesCommand,
  TagQueueCommand,
} from '@aws-sdk/client-sqs';
import type { Resource, StackContext } from '../context.js';
import { errorName, retry, unlessNotFound } from '../retry.js';
import { missingTags } from './tags.js';

export interface QueueState {
  url: string;
  attributes: Record<string, string>;
  tags: Record<string, string>;
}

type Role = 'queue' | 'dlq';

/** Messages in a queue, as SQS approximates them. */
export interface QueueDepth {
  waiting: number;
  inFlight: number;
  delayed: number;
}

export function queueDepth(current: QueueState): QueueDepth {
  const count = (name: string) => Number(current.attributes[name] ?? 0);
  return {
    waiting: count('ApproximateNumberOfMessages'),
    inFlight: count('ApproximateNumberOfMessagesNotVisible'),
    delayed: count('ApproximateNumberOfMessagesDelayed'),
  };
}

/** AWS refuses a queue name for 60 s after it was deleted; `up` right after `down` waits that out. */
const DELETED_RECENTLY_RETRY = { attempts: 8, baseDelayMs: 2_000, maxDelayMs: 15_000 };
const NAME_REUSE_WAIT_S = 60;
/** The countdown moves in steps this long: without a terminal each step is a line of its own. */
const COUNTDOWN_STEP_S = 5;

/**
 * Creates the queue, waiting out QueueDeletedRecently with a countdown from the first refusal (the deletion
 * itself may have been a while before, so the wait is at most that long) that says why it waits.
 */
async function createWaitingOutDeletion<T>(ctx: StackContext, create: () => Promise<T>): Promise<T> {
  let refusedAt: number | undefined;
  let countdown: NodeJS.Timeout | undefined;
  const skipLocally = ctx.target.kind === 'embedded' ? '; `bus-cli local start --no-strict` skips the wait locally' : '';
  const say = () => {
    const elapsed = Math.floor((Date.now() - refusedAt!) / 1_000 / COUNTDOWN_STEP_S) * COUNTDOWN_STEP_S;
    const left = Math.max(0, NAME_REUSE_WAIT_S - elapsed);
    ctx.progress(`queue deleted less than ${NAME_REUSE_WAIT_S} s ago: AWS refuses the name that long too; retrying, at most ${left} s left${skipLocally}`);
  };
  try {
    return await retry(create, (err) => errorName(err) === 'QueueDeletedRecently', {
      ...DELETED_RECENTLY_RETRY,
      onRetry: () => {
        if (refusedAt === undefined) {
          refusedAt = Date.now();
          countdown = setInterval(say, COUNTDOWN_STEP_S * 1_000);
        }
        say();
      },
    });
  } finally {
    clearInterval(countdown);
  }
}

function wantedAttributes(ctx: StackContext, role: Role): Record<string, string> {
  const attrs: Record<string, string> = { VisibilityTimeout: String(ctx.spec.settings.queueVisibilitySeconds) };
  if (role === 'dlq') attrs.MessageRetentionPeriod = String(14 * 24 * 3600);
  else if (ctx.outputs.dlqArn) {
    attrs.RedrivePolicy = JSON.stringify({ deadLetterTargetArn: ctx.outputs.dlqArn, maxReceiveCount: ctx.spec.settings.maxReceiveCount });
  }
  return attrs;
}

function sameAttribute(name: string, current: string | undefined, wanted: string): boolean {
  if (name !== 'RedrivePolicy') return current === wanted;
  try {
    const a = JSON.parse(current ?? '{}');
    const b = JSON.parse(wanted);
    return a.deadLetterTargetArn === b.deadLetterTargetArn && Number(a.maxReceiveCount) === Number(b.maxReceiveCount);
  } catch {
    return false;
  }
}

function queueResource(role: Role): Resource<QueueState> {
  const queueName = (ctx: StackContext) => (role === 'queue' ? ctx.names.queue : ctx.names.dlq);
  const setOutputs = (ctx: StackContext, url: string, arn: string | undefined) => {
    if (role === 'queue') Object.assign(ctx.outputs, { queueUrl: url, queueArn: arn });
    else Object.assign(ctx.outputs, { dlqUrl: url, dlqArn: arn });
  };

  return {
    id: role,
    after: role === 'queue' ? ['dlq'] : [],
    name: queueName,

    read: (ctx) =>
      unlessNotFound(async () => {
        const sqs = ctx.clients.sqs;
        const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queueName(ctx) }));
        const [{ Attributes }, { Tags }] = await Promise.all([
          sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] })),
          sqs.send(new ListQueueTagsCommand({ QueueUrl })),
        ]);
        return { url: QueueUrl!, attributes: Attributes ?? {}, tags: Tags ?? {} };
      }),

    diff(ctx, current) {
      if (!current) return [drift('absent')];
      const reasons = Object.entries(wantedAttributes(ctx, role))
        .filter(([k, v]) => !sameAttribute(k, current.attributes[k], v))
        .map(([k, v]) => drift('setting-differs', `${k} is ${current.attributes[k] ?? 'unset'}, wants ${v}`));
      if (missingTags(current.tags, ctx.tags).length) reasons.push(drift('tags-missing'));
      return reasons;
    },

    async apply(ctx, current) {
      const sqs = ctx.clients.sqs;
      const Attributes = wantedAttributes(ctx, role);
      let url = current?.url;
      if (!url) {
        const created = await createWaitingOutDeletion(ctx, () => sqs.send(new CreateQueueCommand({ QueueName: queueName(ctx), Attributes, tags: ctx.tags })));
        url = created.QueueUrl!;
      } else {
        await sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes }));
        if (missingTags(current!.tags, ctx.tags).length) await sqs.send(new TagQueueCommand({ QueueUrl: url, Tags: ctx.tags }));
      }
      const { Attributes: attrs } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
      setOutputs(ctx, url, attrs?.QueueArn);
    },

    outputs(ctx, current) {
      setOutputs(ctx, current.url, current.attributes.QueueArn);
    },

    async destroy(ctx) {
      const current = await this.read(ctx);
      if (!current) return false;
      await ctx.clients.sqs.send(new DeleteQueueCommand({ QueueUrl: current.url }));
      return true;
    },

    describe(_ctx, current) {
      const depth = queueDepth(current);
      return `${depth.waiting} waiting, ${depth.inFlight} in flight`;
    },
  };
}

/** SQS `aram-queue` (visibility 60 s, redrive to the DLQ) and its dead-letter queue. */
export const dlq = queueResource('dlq');
export const queue = queueResource('queue');
