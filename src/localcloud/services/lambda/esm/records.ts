import type { ReceivedMessage } from '../../../core/types.js';

type SqsMessageAttribute = NonNullable<ReceivedMessage['MessageAttributes']>[string];

/** Message attributes as Lambda's SQS records spell them (camelCase, with the list members). */
function recordAttribute(a: SqsMessageAttribute) {
  return { stringValue: a.StringValue, binaryValue: a.BinaryValue, stringListValues: [], binaryListValues: [], dataType: a.DataType };
}

/** One `Records[]` entry of the event Lambda sends for an SQS batch. */
export function sqsRecord(message: ReceivedMessage, queueArn: string, region: string) {
  const messageAttributes: Record<string, ReturnType<typeof recordAttribute>> = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) messageAttributes[name] = recordAttribute(value);
  return {
    messageId: message.MessageId,
    receiptHandle: message.ReceiptHandle,
    body: message.Body,
    attributes: message.Attributes ?? {},
    messageAttributes,
    md5OfMessageAttributes: message.MD5OfMessageAttributes,
    md5OfBody: message.MD5OfBody,
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}
