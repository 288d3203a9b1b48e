import type { ReceivedMessage } from '../../core/types.js';

/** The part of a fauxqs queue the response shaping reads. */
export interface ShapedQueue {
  name: string;
  url: string;
  attributes: Record<string, string>;
  inflightMessages: Map<string, { message: { deadLetterQueueSourceArn?: string } }>;
}
type Md5OfAttributes = (attributes: Record<string, unknown>) => string;
type Body = Record<string, unknown>;

/** Does a MessageAttributeNames entry ask for this attribute? `All`, `*` and `.*` ask for all, `Prefix.*` for names starting with `Prefix`. */
function asks(names: readonly string[], attribute: string) {
  return names.some((n) => n === 'All' || n === '*' || n === '.*' || n === attribute || (n.endsWith('.*') && attribute.startsWith(n.slice(0, -2))));
}

/**
 * ReceiveMessage as AWS answers it, from fauxqs's answer to a call that asked for every message
 * attribute: only the message attributes MessageAttributeNames asks for (none when it is absent),
 * with the MD5 of those, and DeadLetterQueueSourceArn when the system attributes ask for it.
 */
export function shapeReceived(messages: ReceivedMessage[], body: Body, queue: ShapedQueue, md5: Md5OfAttributes): void {
  const names = (body.MessageAttributeNames ?? []) as string[];
  const system = [...((body.AttributeNames ?? []) as string[]), ...((body.MessageSystemAttributeNames ?? []) as string[])];
  for (const m of messages as (ReceivedMessage & { MessageAttributes?: Record<string, unknown>; MD5OfMessageAttributes?: string })[]) {
    const kept = Object.entries(m.MessageAttributes ?? {}).filter(([name]) => asks(names, name));
    if (kept.length === 0) {
      delete m.MessageAttributes;
      delete m.MD5OfMessageAttributes;
    } else if (kept.length < Object.keys(m.MessageAttributes!).length) {
      m.MessageAttributes = Object.fromEntries(kept);
      m.MD5OfMessageAttributes = md5(m.MessageAttributes);
    }
    const source = queue.inflightMessages.get(m.ReceiptHandle)?.message.deadLetterQueueSourceArn;
    if (source && (system.includes('All') || system.includes('DeadLetterQueueSourceArn'))) m.Attributes = { ...m.Attributes, DeadLetterQueueSourceArn: source };
  }
}

/** AWS encrypts new queues with SSE-SQS unless they name a KMS key; fauxqs has no such attribute. */
export function withManagedSse(attributes: Record<string, string>, body: Body, queue: ShapedQueue): void {
  const asked = (body.AttributeNames ?? []) as string[];
  if (asked.includes('All') || asked.includes('SqsManagedSseEnabled')) {
    attributes.SqsManagedSseEnabled ??= queue.attributes.KmsMasterKeyId ? 'false' : 'true';
  }
}

/** ListQueues pages as AWS does: with MaxResults, a NextToken while more queues follow (fauxqs cuts the list). */
export function listPage(urls: string[], body: Body): { QueueUrls?: string[]; NextToken?: string } {
  const max = body.MaxResults as number | undefined;
  const start = body.NextToken ? Math.max(0, urls.indexOf(Buffer.from(String(body.NextToken), 'base64url').toString())) : 0;
  const page = urls.slice(start, max ? start + max : undefined);
  const next = max ? urls[start + max] : undefined;
  return { ...(page.length ? { QueueUrls: page } : {}), ...(next ? { NextToken: Buffer.from(next).toString('base64url') } : {}) };
}
