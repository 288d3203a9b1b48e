import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  QueueDoesNotExist,
} from '@aws-sdk/client-sqs';
import { startTestCloud, type TestCloud } from '../../../../test/helpers/cloud.js';

describe('sqs (fauxqs behind the edge)', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud({ timings: { queueDeletedRecentlyMs: 60_000 } });
  });
  afterAll(() => t.stop());

  it('sends, receives with system attributes and deletes', async () => {
    const { QueueUrl } = await t.clients.sqs.send(new CreateQueueCommand({ QueueName: 'q1', Attributes: { VisibilityTimeout: '60' } }));
    await t.clients.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'hello' }));
    const got = await t.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'] }));
    expect(got.Messages?.map((m) => m.Body)).toEqual(['hello']);
    expect(got.Messages?.[0].Attributes?.ApproximateReceiveCount).toBe('1');
    await t.clients.sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: got.Messages![0].ReceiptHandle }));
    const attrs = await t.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
    expect(attrs.Attributes?.VisibilityTimeout).toBe('60');
    expect(attrs.Attributes?.ApproximateNumberOfMessages).toBe('0');
    expect(attrs.Attributes?.QueueArn).toBe('arn:aws:sqs:ap-northeast-2:000000000000:q1');
  });

  it('answers an unknown queue with the typed QueueDoesNotExist error', async () => {
    await expect(t.clients.sqs.send(new GetQueueUrlCommand({ QueueName: 'missing' }))).rejects.toBeInstanceOf(QueueDoesNotExist);
  });

  it('refuses to re-create a queue within 60 s of deleting it (QueueDeletedRecently)', async () => {
    const { QueueUrl } = await t.clients.sqs.send(new CreateQueueCommand({ QueueName: 'q2' }));
    await t.clients.sqs.send(new DeleteQueueCommand({ QueueUrl }));
    await expect(t.clients.sqs.send(new CreateQueueCommand({ QueueName: 'q2' }))).rejects.toMatchObject({ name: 'QueueDeletedRecently' });
  });
});
