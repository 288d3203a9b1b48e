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

function checkMessage(body: Body) {
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

/**
 * What AWS refuses and fauxqs lets through, checked before fauxqs sees the call. `queue` is the queue
 * the call names, when it exists.
 */
export function checkRequest(action: string, body: Body, queue: QueueKind | undefined): void {
  if (action === 'CreateQueue') {
    const attributes = attributesOf(body);
    const fifo = String(body.QueueName ?? '').endsWith('.fifo') || attributes.FifoQueue === 'true';
    if (!fifo) refuseFifoAttributes(attributes);
  } else if (action === 'SetQueueAttributes' && queue) {
    const attributes = attributesOf(body);
    if (!queue.isFifo()) refuseFifoAttributes(attributes);
    else if (attributes.FifoQueue === 'false') {
      throw new AwsError('InvalidAttributeValue', 'Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.', 400);
    }
  } else if (action === 'SendMessage') {
    checkMessage(body);
  }
}
