import { AwsError } from '../../core/errors.js';
import { invalidAttributeName, invalidParameterValue } from './errors.js';

/** The part of a fauxqs queue the rules read. */
export interface QueueKind {
  name: string;
  isFifo(): boolean;
}

/** AWS answers PurgeQueueInProgress to a second PurgeQueue of a queue within this long. */
export const PURGE_INTERVAL_MS = 60_000;

/**
 * Attributes only a FIFO queue has. On a standard queue AWS knows FifoQueue and ContentBasedDeduplication
 * not at all (even `FifoQueue=false`), and names the rule for the other two.
 */
const FIFO_ONLY_ATTRIBUTES: Readonly<Record<string, (name: string) => string>> = {
  FifoQueue: (name) => `Unknown Attribute ${name}.`,
  ContentBasedDeduplication: (name) => `Unknown Attribute ${name}.`,
  DeduplicationScope: (name) => `You can specify the ${name} only when FifoQueue is set to true.`,
  FifoThroughputLimit: (name) => `You can specify the ${name} only when FifoQueue is set to true.`,
};

/** MessageGroupId: 1 to 128 alphanumeric and punctuation characters (printable ASCII, no space), on any queue type. */
const MESSAGE_GROUP_ID = /^[\x21-\x7e]{1,128}$/;

type Body = Record<string, unknown>;
const attributesOf = (body: Body) => (body.Attributes ?? {}) as Record<string, string>;

function refuseFifoAttributes(attributes: Record<string, string>) {
  for (const name of Object.keys(attributes)) {
    const message = FIFO_ONLY_ATTRIBUTES[name];
    if (message) throw invalidAttributeName(message(name));
  }
}

/** SendMessage: a MessageGroupId of SQS's characters, and no empty attribute value. */
export function checkMessage(body: Body): void {
  const group = body.MessageGroupId;
  if (group !== undefined && !MESSAGE_GROUP_ID.test(String(group))) {
    throw invalidParameterValue(
      `Value ${String(group)} for parameter MessageGroupId is invalid. Reason: MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in length.`,
    );
  }
  for (const [name, value] of Object.entries((body.MessageAttributes ?? {}) as Record<string, { DataType?: string; StringValue?: string }>)) {
    if (value.StringValue === '' && !value.DataType?.startsWith('Binary')) {
      throw invalidParameterValue(`Message (user) attribute '${name}' must contain a non-empty value of type '${value.DataType}'.`);
    }
  }
}

/** CreateQueue: a standard queue knows none of the FIFO attributes (fauxqs takes them). */
export function refuseFifoAttributesOfStandardQueue(body: Body): void {
  const attributes = attributesOf(body);
  const fifo = String(body.QueueName ?? '').endsWith('.fifo') || attributes.FifoQueue === 'true';
  if (!fifo) refuseFifoAttributes(attributes);
}

/** SetQueueAttributes: no FIFO attribute on a standard queue, and no change of a queue's type. */
export function checkQueueAttributes(body: Body, queue: QueueKind): void {
  const attributes = attributesOf(body);
  if (!queue.isFifo()) refuseFifoAttributes(attributes);
  else if (attributes.FifoQueue === 'false') {
    throw new AwsError('InvalidAttributeValue', 'Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.', 400);
  }
}

/** PurgeQueue: one purge of a queue a minute (fauxqs purges at once, every time). */
export function checkPurge<Q extends QueueKind>(queue: Q, purgedAt: WeakMap<Q, number>): void {
  const at = purgedAt.get(queue);
  if (at !== undefined && Date.now() - at < PURGE_INTERVAL_MS) {
    throw new AwsError('PurgeQueueInProgress', `Only one PurgeQueue operation on ${queue.name} is allowed every 60 seconds.`, 403);
  }
  purgedAt.set(queue, Date.now());
}

/** CreateQueue, strict: a name deleted within `windowMs` cannot be created again yet. */
export function refuseRecentlyDeleted(deletedAt: ReadonlyMap<string, number>, key: string, windowMs: number): void {
  if (windowMs <= 0) return;
  const at = deletedAt.get(key);
  if (at !== undefined && Date.now() - at < windowMs) {
    throw new AwsError('QueueDeletedRecently', 'You must wait 60 seconds after deleting a queue before you can create another with the same name.', 400, true);
  }
}
