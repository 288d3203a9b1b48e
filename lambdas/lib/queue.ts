import { GetQueueAttributesCommand, GetQueueUrlCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { BookingMessage } from '../domain/booking.js';
import { STATS_TICK_BODY } from '../domain/message.js';
import type { QueueUrls } from './config.js';

export interface QueueDepth {
  /** Waiting to be received (ApproximateNumberOfMessages). */
  visible: number;
  /** Received, not yet deleted (ApproximateNumberOfMessagesNotVisible). */
  inFlight: number;
  total: number;
  /** Messages parked in the dead-letter queue (visible + in flight). */
  dlq?: number;
}

const urlByName = new Map<string, string>();

/** QUEUE_URL when the stack set it, else one GetQueueUrl per container. */
export async function resolveQueueUrl(sqs: SQSClient, queueName: string, queueUrl?: string): Promise<string> {
  if (queueUrl) return queueUrl;
  let url = urlByName.get(queueName);
  if (!url) {
    url = (await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }))).QueueUrl;
    if (!url) throw new Error(`GetQueueUrl returned no URL for ${queueName}`);
    urlByName.set(queueName, url);
  }
  return url;
}

/** SQS's client errors that a later try can get past: its throttling. */
const TRANSIENT_CLIENT_ERRORS = new Set(['RequestThrottled', 'KmsThrottled']);

/** A refusal no retry changes: SQS's answer that the request itself (or the queue, or the permissions) is wrong. */
export function isPermanentRefusal(err: unknown): err is Error {
  const e = err as { $fault?: string; name?: string } | undefined;
  return e?.$fault === 'client' && !TRANSIENT_CLIENT_ERRORS.has(e.name ?? '');
}

export async function enqueue(sqs: SQSClient, queueUrl: string, message: BookingMessage): Promise<void> {
  await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(message) }));
}

/** The stats tick, delivered by the queue after `delaySeconds` (SQS takes 0 to 900). */
export async function sendStatsTick(sqs: SQSClient, queueUrl: string, delaySeconds: number): Promise<void> {
  await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: STATS_TICK_BODY, DelaySeconds: delaySeconds }));
}

async function depthOf(sqs: SQSClient, queueUrl: string): Promise<{ visible: number; inFlight: number }> {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return { visible: Number(Attributes.ApproximateNumberOfMessages ?? 0), inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0) };
}

/** Queue (and DLQ) depth; undefined when the queue URL is not configured. */
export async function queueDepth(sqs: SQSClient, urls: QueueUrls): Promise<QueueDepth | undefined> {
  if (!urls.queueUrl) return undefined;
  const [main, dlq] = await Promise.all([depthOf(sqs, urls.queueUrl), urls.dlqUrl ? depthOf(sqs, urls.dlqUrl) : undefined]);
  return { ...main, total: main.visible + main.inFlight, ...(dlq && { dlq: dlq.visible + dlq.inFlight }) };
}
