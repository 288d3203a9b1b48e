import {
  ChangeMessageVisibilityBatchCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  TagQueueCommand,
  UntagQueueCommand,
  type MessageAttributeValue,
} from '@aws-sdk/client-sqs';
import type { Clients } from '../../../src/aws/clients.js';
import type { Case, CaseContext } from '../types.js';
import { error, fromReference, recorded } from './common.js';

const T = 'sqs/test_sqs';
const P = 'TestSqsProvider::';
const invalidAttribute = error('InvalidAttributeName', 400, { code: 'InvalidAttributeName' });
const invalidParameter = error('InvalidParameterValue', 400, { code: 'InvalidParameterValue' });
const missingParameter = error('MissingParameter', 400, { code: 'MissingParameter' });
const tooManyEntries = error('TooManyEntriesInBatchRequest', 400, { code: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest' });
const invalidBatchId = error('InvalidBatchEntryId', 400, { code: 'AWS.SimpleQueueService.InvalidBatchEntryId' });
const noSuchQueue = error('QueueDoesNotExist', 400, { code: 'AWS.SimpleQueueService.NonExistentQueue', message: 'The specified queue does not exist.' });

const createQueue = (sqs: Clients['sqs'], QueueName: string, Attributes?: Record<string, string>) =>
  sqs.send(new CreateQueueCommand({ QueueName, Attributes }));
const twenty = (make: (i: number) => object) => Array.from({ length: 20 }, (_, i) => make(i));

/** The three attributes of test_receive_message_message_attribute_names_filters, and a queue holding one message with them. */
const THREE_ATTRIBUTES: Record<string, MessageAttributeValue> = {
  'Help.Me': { DataType: 'String', StringValue: 'Me' },
  Hello: { DataType: 'String', StringValue: 'There' },
  General: { DataType: 'String', StringValue: 'Kenobi' },
};
async function receiveFiltered(c: Clients, ctx: CaseContext, names: string[] | undefined) {
  const QueueUrl = await ctx.queue();
  await c.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'msg', MessageAttributes: THREE_ATTRIBUTES }));
  const out = await c.sqs.send(new ReceiveMessageCommand({ QueueUrl, MessageAttributeNames: names }));
  return out.Messages?.[0];
}
const BASE_MESSAGE = ['Body', 'MD5OfBody', 'MessageId', 'ReceiptHandle'];
const WITH_ATTRIBUTES = [...BASE_MESSAGE, 'MD5OfMessageAttributes', 'MessageAttributes'];

const fifoAttributeOnStandard = (attribute: string, value: string): Omit<Case, 'service' | 'source' | 'recorded'> => ({
  id: `sqs.create-queue.standard-with-${attribute}`,
  run: (c, ctx) => createQueue(c.sqs, ctx.name(), { [attribute]: value }),
  expect: invalidAttribute,
});

export const SQS_CASES: Case[] = [
  ...recorded('sqs', T, `${P}test_create_standard_queue_with_fifo_attribute_raises_error[sqs]`, [
    fifoAttributeOnStandard('FifoQueue', 'false'),
    fifoAttributeOnStandard('ContentBasedDeduplication', 'false'),
    fifoAttributeOnStandard('DeduplicationScope', 'queue'),
    fifoAttributeOnStandard('FifoThroughputLimit', 'perQueue'),
  ]),
  ...recorded('sqs', T, `${P}test_set_unsupported_attribute_standard[sqs]`, [
    {
      id: 'sqs.set-queue-attributes.standard-fifo-true',
      run: async (c, ctx) => c.sqs.send(new SetQueueAttributesCommand({ QueueUrl: await ctx.queue(), Attributes: { FifoQueue: 'true' } })),
      expect: invalidAttribute,
    },
    {
      id: 'sqs.set-queue-attributes.standard-fifo-false',
      run: async (c, ctx) => c.sqs.send(new SetQueueAttributesCommand({ QueueUrl: await ctx.queue(), Attributes: { FifoQueue: 'false' } })),
      expect: invalidAttribute,
    },
  ]),
  ...recorded('sqs', T, `${P}test_set_unsupported_attribute_fifo[sqs]`, [
    {
      id: 'sqs.set-queue-attributes.fifo-to-standard',
      run: async (c, ctx) =>
        c.sqs.send(new SetQueueAttributesCommand({ QueueUrl: await ctx.queue('q.fifo', { FifoQueue: 'true' }), Attributes: { FifoQueue: 'false' } })),
      expect: error('InvalidAttributeValue', 400, { code: 'InvalidAttributeValue' }),
    },
  ]),
  ...recorded('sqs', T, `${P}test_create_queue_with_different_attributes_raises_exception[sqs]`, [
    {
      id: 'sqs.create-queue.same-name-other-attributes',
      run: async (c, ctx) => {
        await ctx.queue('q', { ReceiveMessageWaitTimeSeconds: '1', DelaySeconds: '1' });
        return createQueue(c.sqs, ctx.name('q'), { ReceiveMessageWaitTimeSeconds: '1', DelaySeconds: '2' });
      },
      expect: error('QueueNameExists', 400, { code: 'QueueAlreadyExists' }),
    },
    {
      id: 'sqs.create-queue.same-name-no-attributes',
      run: async (c, ctx) => {
        await ctx.queue('q', { DelaySeconds: '1' });
        return createQueue(c.sqs, ctx.name('q'));
      },
      expect: { keys: ['QueueUrl'] },
    },
  ]),
  ...recorded('sqs', T, `${P}test_create_fifo_queue_with_different_attributes_raises_error[sqs]`, [
    {
      id: 'sqs.create-queue.fifo-same-name-other-deduplication',
      run: async (c, ctx) => {
        await ctx.queue('q.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
        return createQueue(c.sqs, ctx.name('q.fifo'), { FifoQueue: 'true', ContentBasedDeduplication: 'false' });
      },
      expect: error('QueueNameExists', 400, { code: 'QueueAlreadyExists' }),
    },
  ]),
  ...recorded('sqs', T, 'TestSqsProvider::test_non_existent_queue', [
    { id: 'sqs.get-queue-url.missing', run: (c, ctx) => c.sqs.send(new GetQueueUrlCommand({ QueueName: ctx.name('nope') })), expect: noSuchQueue },
    {
      id: 'sqs.get-queue-attributes.missing-url',
      run: (c, ctx) =>
        c.sqs.send(new GetQueueAttributesCommand({ QueueUrl: `${c.target.endpoint}/${ctx.account}/${ctx.name('nope')}`, AttributeNames: ['All'] })),
      expect: noSuchQueue,
    },
  ]),
  ...recorded('sqs', T, `${P}test_send_empty_message[sqs]`, [
    {
      id: 'sqs.send-message.empty-body',
      run: async (c, ctx) => c.sqs.send(new SendMessageCommand({ QueueUrl: await ctx.queue(), MessageBody: '' })),
      expect: missingParameter,
    },
  ]),
  ...recorded('sqs', T, `${P}test_receive_empty_queue[sqs]`, [
    {
      id: 'sqs.receive-message.empty-queue',
      run: async (c, ctx) => c.sqs.send(new ReceiveMessageCommand({ QueueUrl: await ctx.queue() })),
      expect: { keys: [] },
    },
  ]),
  ...recorded('sqs', T, `${P}test_send_oversized_message[sqs]`, [
    {
      id: 'sqs.send-message.oversized',
      run: async (c, ctx) => c.sqs.send(new SendMessageCommand({ QueueUrl: await ctx.queue(), MessageBody: 'a'.repeat(1_048_577) })),
      expect: invalidParameter,
    },
  ]),
  ...recorded('sqs', T, `${P}test_send_message_with_updated_maximum_message_size[sqs]`, [
    {
      id: 'sqs.send-message.over-queue-maximum',
      run: async (c, ctx) =>
        c.sqs.send(new SendMessageCommand({ QueueUrl: await ctx.queue('q', { MaximumMessageSize: '1024' }), MessageBody: 'a'.repeat(1025) })),
      expect: invalidParameter,
    },
  ]),
  ...recorded('sqs', T, `${P}test_send_message_batch_with_oversized_contents[sqs]`, [
    {
      id: 'sqs.send-message-batch.oversized',
      run: async (c, ctx) =>
        c.sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: await ctx.queue(),
            Entries: [
              { Id: '1', MessageBody: 'a'.repeat(524_288) },
              { Id: '2', MessageBody: 'a'.repeat(524_289) },
            ],
          }),
        ),
      expect: error('BatchRequestTooLong', 400, { code: 'AWS.SimpleQueueService.BatchRequestTooLong' }),
    },
  ]),
  ...recorded('sqs', T, `${P}test_too_many_entries_in_batch_request[sqs]`, [
    {
      id: 'sqs.send-message-batch.too-many-entries',
      run: async (c, ctx) =>
        c.sqs.send(new SendMessageBatchCommand({ QueueUrl: await ctx.queue(), Entries: twenty((i) => ({ Id: `m${i}`, MessageBody: 'x' })) as never })),
      expect: tooManyEntries,
    },
  ]),
  ...recorded('sqs', T, `${P}test_delete_message_batch_with_too_large_batch[sqs]`, [
    {
      id: 'sqs.delete-message-batch.too-many-entries',
      run: async (c, ctx) =>
        c.sqs.send(new DeleteMessageBatchCommand({ QueueUrl: await ctx.queue(), Entries: twenty((i) => ({ Id: `m${i}`, ReceiptHandle: 'x' })) as never })),
      expect: tooManyEntries,
    },
  ]),
  ...recorded('sqs', T, `${P}test_change_message_visibility_batch_with_too_large_batch[sqs]`, [
    {
      id: 'sqs.change-message-visibility-batch.too-many-entries',
      run: async (c, ctx) =>
        c.sqs.send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: await ctx.queue(),
            Entries: twenty((i) => ({ Id: `m${i}`, ReceiptHandle: 'x', VisibilityTimeout: 1 })) as never,
          }),
        ),
      expect: tooManyEntries,
    },
  ]),
  ...recorded('sqs', T, `${P}test_invalid_batch_id[sqs]`, [
    {
      id: 'sqs.send-message-batch.invalid-entry-id',
      run: async (c, ctx) => c.sqs.send(new SendMessageBatchCommand({ QueueUrl: await ctx.queue(), Entries: [{ Id: 'foo.bar', MessageBody: 'x' }] })),
      expect: invalidBatchId,
    },
  ]),
  ...recorded('sqs', T, `${P}test_delete_message_batch_invalid_msg_id[sqs-invalid:id]`, [
    {
      id: 'sqs.delete-message-batch.invalid-entry-id',
      run: async (c, ctx) => c.sqs.send(new DeleteMessageBatchCommand({ QueueUrl: await ctx.queue(), Entries: [{ Id: 'invalid:id', ReceiptHandle: 'x' }] })),
      expect: invalidBatchId,
    },
  ]),
  ...recorded('sqs', T, `${P}test_successive_purge_calls_fail[sqs]`, [
    {
      id: 'sqs.purge-queue.twice-within-60s',
      run: async (c, ctx) => {
        const QueueUrl = await ctx.queue();
        await c.sqs.send(new PurgeQueueCommand({ QueueUrl }));
        return c.sqs.send(new PurgeQueueCommand({ QueueUrl }));
      },
      expect: error('PurgeQueueInProgress', 403, { code: 'AWS.SimpleQueueService.PurgeQueueInProgress' }),
    },
  ]),
  ...recorded('sqs', T, `${P}test_send_receive_max_number_of_messages[sqs]`, [
    {
      id: 'sqs.receive-message.max-11',
      run: async (c, ctx) => c.sqs.send(new ReceiveMessageCommand({ QueueUrl: await ctx.queue(), MaxNumberOfMessages: 11 })),
      expect: invalidParameter,
    },
  ]),
  ...recorded('sqs', T, `${P}test_tag_untag_queue[sqs]`, [
    {
      id: 'sqs.list-queue-tags.after-tag-untag',
      run: async (c, ctx) => {
        const QueueUrl = await ctx.queue();
        await c.sqs.send(new TagQueueCommand({ QueueUrl, Tags: { tag1: 'value1', tag2: 'value2', tag3: '' } }));
        await c.sqs.send(new UntagQueueCommand({ QueueUrl, TagKeys: ['tag1', 'tag3'] }));
        return c.sqs.send(new ListQueueTagsCommand({ QueueUrl }));
      },
      expect: { keys: ['Tags'], values: { Tags: { tag2: 'value2' } } },
    },
    {
      id: 'sqs.list-queue-tags.all-removed',
      run: async (c, ctx) => {
        const QueueUrl = await ctx.queue();
        await c.sqs.send(new TagQueueCommand({ QueueUrl, Tags: { tag2: 'value2' } }));
        await c.sqs.send(new UntagQueueCommand({ QueueUrl, TagKeys: ['tag2'] }));
        return c.sqs.send(new ListQueueTagsCommand({ QueueUrl }));
      },
      expect: { keys: [] },
    },
  ]),
  ...recorded('sqs', T, `${P}test_set_queue_attributes_default_values[sqs]`, [
    {
      id: 'sqs.get-queue-attributes.all-defaults',
      run: async (c, ctx) => c.sqs.send(new GetQueueAttributesCommand({ QueueUrl: await ctx.queue(), AttributeNames: ['All'] })),
      expect: {
        keys: ['Attributes'],
        nested: {
          Attributes: [
            'ApproximateNumberOfMessages',
            'ApproximateNumberOfMessagesDelayed',
            'ApproximateNumberOfMessagesNotVisible',
            'CreatedTimestamp',
            'DelaySeconds',
            'LastModifiedTimestamp',
            'MaximumMessageSize',
            'MessageRetentionPeriod',
            'QueueArn',
            'ReceiveMessageWaitTimeSeconds',
            'SqsManagedSseEnabled',
            'VisibilityTimeout',
          ],
        },
        values: {
          'Attributes.DelaySeconds': '0',
          'Attributes.MaximumMessageSize': '1048576',
          'Attributes.MessageRetentionPeriod': '345600',
          'Attributes.ReceiveMessageWaitTimeSeconds': '0',
          'Attributes.VisibilityTimeout': '30',
          'Attributes.SqsManagedSseEnabled': 'true',
        },
      },
    },
  ]),
  ...recorded('sqs', T, `${P}test_receive_message_message_attribute_names_filters[sqs]`, [
    {
      id: 'sqs.send-message.with-attributes',
      run: async (c, ctx) => c.sqs.send(new SendMessageCommand({ QueueUrl: await ctx.queue(), MessageBody: 'msg', MessageAttributes: THREE_ATTRIBUTES })),
      expect: {
        keys: ['MD5OfMessageAttributes', 'MD5OfMessageBody', 'MessageId'],
        values: { MD5OfMessageAttributes: '4c360f3fdafd970e05fae2f149d997f5', MD5OfMessageBody: '6e2baaf3b97dbeef01c0043275f9a0e7' },
      },
    },
    { id: 'sqs.receive-message.attributes-not-asked', run: (c, ctx) => receiveFiltered(c, ctx, undefined), expect: { keys: BASE_MESSAGE } },
    {
      id: 'sqs.receive-message.attributes-all',
      run: (c, ctx) => receiveFiltered(c, ctx, ['All']),
      expect: { keys: WITH_ATTRIBUTES, nested: { MessageAttributes: ['General', 'Hello', 'Help.Me'] } },
    },
    {
      id: 'sqs.receive-message.attributes-asterisk',
      run: (c, ctx) => receiveFiltered(c, ctx, ['*']),
      expect: { keys: WITH_ATTRIBUTES, nested: { MessageAttributes: ['General', 'Hello', 'Help.Me'] } },
    },
    { id: 'sqs.receive-message.attributes-none-matching', run: (c, ctx) => receiveFiltered(c, ctx, ['Foo', 'Help']), expect: { keys: BASE_MESSAGE } },
    {
      id: 'sqs.receive-message.attributes-some',
      run: (c, ctx) => receiveFiltered(c, ctx, ['Hello', 'General']),
      expect: {
        keys: WITH_ATTRIBUTES,
        nested: { MessageAttributes: ['General', 'Hello'] },
        values: { MD5OfMessageAttributes: 'fca026605781cb4126a1e9044df24232' },
      },
    },
    {
      id: 'sqs.receive-message.attributes-prefix',
      run: (c, ctx) => receiveFiltered(c, ctx, ['Hel.*']),
      expect: {
        keys: WITH_ATTRIBUTES,
        nested: { MessageAttributes: ['Hello', 'Help.Me'] },
        values: { MD5OfMessageAttributes: '83fee93c1bcd8b9a5a923ffacdc636c7' },
      },
    },
  ]),
  ...recorded('sqs', T, 'TestSqsProvider::test_dead_letter_queue_message_attributes', [
    {
      id: 'sqs.receive-message.redriven-to-dlq',
      run: async (c, ctx) => {
        const dlq = await ctx.queue('dlq');
        const source = await ctx.queue('src', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: await ctx.queueArn(dlq), maxReceiveCount: 1 }) });
        await c.sqs.send(new SendMessageCommand({ QueueUrl: source, MessageBody: 'message-2' }));
        for (let i = 0; i < 2; i++) await c.sqs.send(new ReceiveMessageCommand({ QueueUrl: source, VisibilityTimeout: 0 }));
        const out = await c.sqs.send(
          new ReceiveMessageCommand({ QueueUrl: dlq, MessageSystemAttributeNames: ['ApproximateReceiveCount', 'DeadLetterQueueSourceArn'] }),
        );
        const message = out.Messages?.[0];
        return { ...message, sourceIsTheQueue: message?.Attributes?.DeadLetterQueueSourceArn === (await ctx.queueArn(source)) };
      },
      expect: {
        nested: { Attributes: ['ApproximateReceiveCount', 'DeadLetterQueueSourceArn'] },
        values: { 'Attributes.ApproximateReceiveCount': '2', sourceIsTheQueue: true },
      },
    },
  ]),
  ...recorded('sqs', T, `${P}test_posting_to_fifo_requires_deduplicationid_group_id[sqs]`, [
    {
      id: 'sqs.send-message.fifo-without-deduplication-id',
      run: async (c, ctx) =>
        c.sqs.send(new SendMessageCommand({ QueueUrl: await ctx.queue('q.fifo', { FifoQueue: 'true' }), MessageBody: 'x', MessageGroupId: 'g' })),
      expect: invalidParameter,
    },
    {
      id: 'sqs.send-message.fifo-without-group-id',
      run: async (c, ctx) =>
        c.sqs.send(new SendMessageCommand({ QueueUrl: await ctx.queue('q.fifo', { FifoQueue: 'true' }), MessageBody: 'x', MessageDeduplicationId: 'd' })),
      expect: missingParameter,
    },
  ]),
  ...recorded('sqs', T, `${P}test_fifo_queue_send_message_with_delay_seconds_fails[sqs]`, [
    {
      id: 'sqs.send-message.fifo-with-delay',
      run: async (c, ctx) =>
        c.sqs.send(
          new SendMessageCommand({
            QueueUrl: await ctx.queue('q.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' }),
            MessageBody: 'x',
            MessageGroupId: 'g',
            DelaySeconds: 2,
          }),
        ),
      expect: invalidParameter,
    },
  ]),
  ...['empty', 'too_long', 'spaces'].flatMap((variant) =>
    recorded('sqs', T, `${P}test_send_message_to_standard_queue_with_invalid_message_group_id[${variant}]`, [
      {
        id: `sqs.send-message.standard-group-id-${variant.replace('_', '-')}`,
        run: async (c, ctx) =>
          c.sqs.send(
            new SendMessageCommand({
              QueueUrl: await ctx.queue(),
              MessageBody: 'x',
              MessageGroupId: { empty: '', too_long: 'a'.repeat(129), spaces: 'group 123' }[variant],
            }),
          ),
        expect: invalidParameter,
      },
    ]),
  ),
  ...recorded('sqs', T, `${P}test_send_message_with_empty_string_attribute[sqs]`, [
    {
      id: 'sqs.send-message.empty-string-attribute',
      run: async (c, ctx) =>
        c.sqs.send(
          new SendMessageCommand({
            QueueUrl: await ctx.queue(),
            MessageBody: 'x',
            MessageAttributes: { ErrorDetails: { DataType: 'String', StringValue: '' } },
          }),
        ),
      expect: invalidParameter,
    },
  ]),
  ...recorded('sqs', T, 'TestSqsProvider::test_list_queues_pagination', [
    {
      id: 'sqs.list-queues.max-results',
      run: async (c, ctx) => {
        for (const i of [0, 1, 2]) await ctx.queue(`page-${i}`);
        return c.sqs.send(new ListQueuesCommand({ QueueNamePrefix: ctx.name('page-'), MaxResults: 2 }));
      },
      expect: { keys: ['NextToken', 'QueueUrls'] },
    },
  ]),
  ...fromReference(
    'sqs',
    'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html (MessageBody: #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF)',
    [
      {
        id: 'sqs.send-message.non-bmp-body',
        run: async (c, ctx) => {
          const QueueUrl = await ctx.queue();
          await c.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '승객 🚌😀𝄞' }));
          return (await c.sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages?.[0];
        },
        expect: { keys: BASE_MESSAGE, values: { Body: '승객 🚌😀𝄞' } },
      },
      {
        id: 'sqs.send-message.control-character',
        run: async (c, ctx) => c.sqs.send(new SendMessageCommand({ QueueUrl: await ctx.queue(), MessageBody: 'bell\u0007' })),
        expect: error('InvalidMessageContents', 400, { code: 'InvalidMessageContents' }),
      },
    ],
  ),
];
