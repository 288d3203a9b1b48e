import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  QueueDoesNotExist,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { createExecutionRole } from '../lambda/fixtures.js';
import { LOCAL_CREDENTIALS } from '../../../aws/clients.js';
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

  it('authorizes a batch as its single-message action (there is no sqs:SendMessageBatch) and refuses with AccessDenied 403', async () => {
    // AWS: "You cannot set permissions explicitly for SendMessageBatch ... setting permissions for SendMessage ...
    // sets permissions for the corresponding batch versions" (SQS Developer Guide, batch actions); a refused
    // SendMessageBatch names sqs:sendmessage (aws/serverless-application-model#3633).
    const { QueueUrl } = await t.clients.sqs.send(new CreateQueueCommand({ QueueName: 'batch-perms' }));
    const roleArn = await createExecutionRole(t, 'sqs-sender', ['sqs:SendMessage']);
    const credentials = t.cloud.api('iam').sessionCredentials(roleArn, 'sender');
    const asRole = new SQSClient({ region: t.region, endpoint: t.cloud.endpoint, credentials, maxAttempts: 1 });
    try {
      const sent = await asRole.send(
        new SendMessageBatchCommand({
          QueueUrl,
          Entries: [
            { Id: 'a', MessageBody: 'one' },
            { Id: 'b', MessageBody: 'two' },
          ],
        }),
      );
      expect(sent.Successful?.map((e) => e.Id).sort()).toEqual(['a', 'b']);
      const denied = await asRole.send(new ReceiveMessageCommand({ QueueUrl })).catch((err: Error & { $metadata?: { httpStatusCode?: number } }) => err);
      expect(denied).toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
      // SQS names the action in lower case, in both places.
      expect((denied as Error).message).toBe(
        `User: arn:aws:sts::000000000000:assumed-role/sqs-sender/sender is not authorized to perform: sqs:receivemessage on resource: arn:aws:sqs:${t.region}:000000000000:batch-perms because no identity-based policy allows the sqs:receivemessage action`,
      );
    } finally {
      asRole.destroy();
    }
  });

  it('keeps queues in their region: another region neither lists them nor reaches them by URL', async () => {
    const { QueueUrl } = await t.clients.sqs.send(new CreateQueueCommand({ QueueName: 'regional' }));
    const elsewhere = new SQSClient({ region: 'eu-west-1', endpoint: t.cloud.endpoint, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
    try {
      expect((await elsewhere.send(new ListQueuesCommand({}))).QueueUrls ?? []).toEqual([]);
      await expect(elsewhere.send(new SendMessageCommand({ QueueUrl, MessageBody: 'lost?' }))).rejects.toBeInstanceOf(QueueDoesNotExist);
      // The same name is free in another region.
      const { QueueUrl: other } = await elsewhere.send(new CreateQueueCommand({ QueueName: 'regional' }));
      const { Attributes } = await elsewhere.send(new GetQueueAttributesCommand({ QueueUrl: other, AttributeNames: ['QueueArn'] }));
      expect(Attributes?.QueueArn).toBe('arn:aws:sqs:eu-west-1:000000000000:regional');
    } finally {
      elsewhere.destroy();
    }
    expect((await t.clients.sqs.send(new ListQueuesCommand({}))).QueueUrls).toContain(QueueUrl);
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
