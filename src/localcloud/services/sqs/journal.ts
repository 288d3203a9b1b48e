import { randomUUID } from 'node:crypto';
import type { LocalCloudOptions } from '../../core/types.js';
import { Journal } from '../../core/persist.js';

const JOURNAL_FILE = 'sqs/journal.jsonl';

/** A fauxqs message as its store keeps it (plain data: body, attributes, counts, timestamps). */
export interface FauxMessage {
  messageId: string;
  approximateReceiveCount: number;
  approximateFirstReceiveTimestamp?: number;
  messageGroupId?: string;
  deadLetterQueueSourceArn?: string;
  [member: string]: unknown;
}
interface Inflight {
  message: FauxMessage;
  receiptHandle: string;
  visibilityDeadline: number;
}
/** The part of fauxqs's SqsQueue the journal reads and hooks. */
export interface JournaledQueue {
  name: string;
  url: string;
  arn: string;
  createdTimestamp: number;
  lastModifiedTimestamp: number;
  attributes: Record<string, string>;
  tags: Map<string, string>;
  messages: FauxMessage[];
  delayedMessages: FauxMessage[];
  inflightMessages: Map<string, Inflight>;
  fifoMessages: Map<string, FauxMessage[]>;
  fifoDelayed: Map<string, FauxMessage[]>;
  fifoLockedGroups: Map<string, number>;
  enqueue(message: FauxMessage): void;
  dequeue(max: number, visibility: number | undefined, resolveDlq?: never): unknown;
  deleteMessage(receiptHandle: string): boolean;
  changeVisibility(receiptHandle: string, seconds: number): void;
}

/** What a queue line keeps of a queue. */
type QueueRecord = Pick<JournaledQueue, 'name' | 'url' | 'arn' | 'createdTimestamp' | 'lastModifiedTimestamp' | 'attributes' | 'tags'>;

/**
 * One line per change, keyed by queue ARN and message id, so replaying keeps the last word on each:
 * q: a queue created or changed; qd: deleted; p: purged; m: a message put in a queue (sent, or moved
 * to its DLQ), with `until` while it is in flight; s: a message's receive count and invisibility
 * changed (received, visibility changed; until 0 = visible); d: a message deleted.
 */
type Entry =
  | { q: QueueRecord }
  | { qd: string }
  | { p: string }
  | { m: string; msg: FauxMessage; until?: number }
  | { s: string; id: string; n: number; f?: number; until: number }
  | { d: string; id: string };

const recordOf = (q: JournaledQueue): QueueRecord => ({
  name: q.name,
  url: q.url,
  arn: q.arn,
  createdTimestamp: q.createdTimestamp,
  lastModifiedTimestamp: q.lastModifiedTimestamp,
  attributes: q.attributes,
  tags: q.tags,
});

interface ReplayedQueue {
  record: QueueRecord;
  messages: Map<string, { msg: FauxMessage; until: number }>;
}

/** What the journal says exists: queues with their messages, in the order they were put. */
function replay(entries: Entry[]): Map<string, ReplayedQueue> {
  const queues = new Map<string, ReplayedQueue>();
  const home = new Map<string, string>();
  for (const e of entries) {
    if ('q' in e) {
      const known = queues.get(e.q.arn);
      if (known) known.record = e.q;
      else queues.set(e.q.arn, { record: e.q, messages: new Map() });
    } else if ('qd' in e) queues.delete(e.qd);
    else if ('p' in e) queues.get(e.p)?.messages.clear();
    else if ('m' in e) {
      // A message moved to a DLQ leaves its source queue.
      const from = home.get(e.msg.messageId);
      if (from !== undefined && from !== e.m) queues.get(from)?.messages.delete(e.msg.messageId);
      home.set(e.msg.messageId, e.m);
      queues.get(e.m)?.messages.set(e.msg.messageId, { msg: e.msg, until: e.until ?? 0 });
    } else if ('s' in e) {
      const held = queues.get(e.s)?.messages.get(e.id);
      if (held) {
        held.msg.approximateReceiveCount = e.n;
        held.msg.approximateFirstReceiveTimestamp = e.f;
        held.until = e.until;
      }
    } else if ('d' in e) queues.get(e.d)?.messages.delete(e.id);
  }
  return queues;
}

/** Puts a message back as it stood: in flight until its deadline (then visible again, as after a crash on AWS), else queued. */
function restoreMessage(queue: JournaledQueue, msg: FauxMessage, until: number, now: number) {
  if (until <= now) {
    queue.enqueue(msg);
    return;
  }
  const receiptHandle = randomUUID();
  queue.inflightMessages.set(receiptHandle, { message: msg, receiptHandle, visibilityDeadline: until });
  const group = msg.messageGroupId;
  if (group !== undefined) queue.fifoLockedGroups.set(group, (queue.fifoLockedGroups.get(group) ?? 0) + 1);
}

/** Every queue's current state as journal entries (what compaction writes). */
function* dump(queues: Iterable<JournaledQueue>): Iterable<Entry> {
  for (const queue of queues) {
    yield { q: recordOf(queue) };
    const waiting = [...queue.messages, ...queue.delayedMessages, ...[...queue.fifoMessages.values(), ...queue.fifoDelayed.values()].flat()];
    for (const msg of waiting) yield { m: queue.arn, msg };
    for (const entry of queue.inflightMessages.values()) yield { m: queue.arn, msg: entry.message, until: entry.visibilityDeadline };
  }
}

/**
 * SQS's durable state, kept at our boundary (fauxqs stays in memory): every change to a queue or a
 * message is appended to one journal before the call answers, replayed into fauxqs's stores at start,
 * and compacted at start, at stop and when it grows large.
 */
export class SqsJournal {
  private readonly journal: Journal<Entry>;
  /** Changes made while restoring are what the journal already says. */
  private restoring = false;

  constructor(options: LocalCloudOptions, liveQueues: () => Iterable<JournaledQueue>) {
    this.journal = new Journal<Entry>(options, JOURNAL_FILE, 'SQS', () => dump(liveQueues()));
  }

  /** Re-creates the journal's queues and messages through `create` (a queue in its region's store), then compacts. */
  restore<Q extends JournaledQueue>(create: (record: QueueRecord) => Q): void {
    const now = Date.now();
    this.restoring = true;
    try {
      for (const { record, messages } of replay(this.journal.saved).values()) {
        const queue = create(record);
        queue.createdTimestamp = record.createdTimestamp;
        queue.lastModifiedTimestamp = record.lastModifiedTimestamp;
        for (const { msg, until } of messages.values()) restoreMessage(queue, msg, until, now);
      }
    } finally {
      this.restoring = false;
    }
    this.journal.compact();
  }

  private write(entry: Entry): void {
    if (!this.restoring) this.journal.append(entry);
  }

  close(): void {
    this.journal.close();
  }

  queueChanged(queue: JournaledQueue): void {
    this.write({ q: recordOf(queue) });
  }

  queueDeleted(queueArn: string): void {
    this.write({ qd: queueArn });
  }

  queuePurged(queueArn: string): void {
    this.write({ p: queueArn });
  }

  /** Hooks a queue's message operations so that each change is journaled once fauxqs has made it. */
  watch<Q extends JournaledQueue>(queue: Q): Q {
    const { enqueue, dequeue, deleteMessage, changeVisibility } = queue;
    const held = (msg: FauxMessage, until: number) => ({
      s: queue.arn,
      id: msg.messageId,
      n: msg.approximateReceiveCount,
      f: msg.approximateFirstReceiveTimestamp,
      until,
    });
    queue.enqueue = (msg) => {
      enqueue.call(queue, msg);
      this.write({ m: queue.arn, msg });
    };
    queue.dequeue = (max, visibility, resolveDlq) => {
      const received = dequeue.call(queue, max, visibility, resolveDlq) as { ReceiptHandle: string }[];
      for (const { ReceiptHandle } of received) {
        const entry = queue.inflightMessages.get(ReceiptHandle);
        if (entry) this.write(held(entry.message, entry.visibilityDeadline));
      }
      return received;
    };
    queue.deleteMessage = (receiptHandle) => {
      const entry = queue.inflightMessages.get(receiptHandle);
      const deleted = deleteMessage.call(queue, receiptHandle);
      if (deleted && entry) this.write({ d: queue.arn, id: entry.message.messageId });
      return deleted;
    };
    queue.changeVisibility = (receiptHandle, seconds) => {
      const entry = queue.inflightMessages.get(receiptHandle);
      changeVisibility.call(queue, receiptHandle, seconds);
      if (entry) this.write(held(entry.message, seconds === 0 ? 0 : entry.visibilityDeadline));
    };
    return queue;
  }
}
