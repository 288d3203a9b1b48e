import { randomUUID } from 'node:crypto';
import { CreateTableCommand, PutItemCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2, SQSEvent, SQSRecord } from 'aws-lambda';
import { startTestCloud, type TestCloud } from '../../test/helpers/cloud.js';
import { seedItems } from '../domain/seed.js';
import type { Trip } from '../domain/trips.js';

export const REGION = 'ap-northeast-2';
export const TABLE = 'aram-stats';
export const QUEUE = 'aram-queue';
export const BUCKET = 'aram-app-bucket';
export const STATS_KEY = 'stats.json';
const MAX_RECEIVE_COUNT = 5;

export interface Harness {
  cloud: TestCloud;
  queueUrl: string;
  dlqUrl: string;
  queueArn: string;
  stop(): Promise<void>;
}

/**
 * The deployed shape on an embedded cloud: table seeded with `trips`, queue with its DLQ, bucket;
 * and the Lambdas' environment pointing at it, as the local runtimes set it.
 */
export async function startHarness(trips: readonly Trip[]): Promise<Harness> {
  const cloud = await startTestCloud({ timings: { tableTransitionMs: 0 } }, REGION);
  const { dynamodb, sqs, s3 } = cloud.clients;
  await dynamodb.send(
    new CreateTableCommand({
      TableName: TABLE,
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await waitUntilTableExists({ client: dynamodb, maxWaitTime: 10, minDelay: 1 }, { TableName: TABLE });
  for (const Item of seedItems(trips)) await dynamodb.send(new PutItemCommand({ TableName: TABLE, Item, ConditionExpression: 'attribute_not_exists(id)' }));

  const { QueueUrl: dlqUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `${QUEUE}-dlq` }));
  const dlqArn = await queueArnOf(cloud, dlqUrl!);
  const { QueueUrl: queueUrl } = await sqs.send(
    new CreateQueueCommand({
      QueueName: QUEUE,
      Attributes: { VisibilityTimeout: '60', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: MAX_RECEIVE_COUNT }) },
    }),
  );
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET, CreateBucketConfiguration: { LocationConstraint: REGION } })).catch(() => undefined);

  Object.assign(process.env, {
    AWS_ENDPOINT_URL: cloud.cloud.endpoint,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: REGION,
    REGION,
    STATS_TABLE: TABLE,
    QUEUE_NAME: QUEUE,
    QUEUE_URL: queueUrl,
    DLQ_URL: dlqUrl,
    S3_BUCKET: BUCKET,
    S3_KEY: STATS_KEY,
    STATS_WRITE_INTERVAL_MS: '0',
    MAX_RECEIVE_COUNT: String(MAX_RECEIVE_COUNT),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  });
  return { cloud, queueUrl: queueUrl!, dlqUrl: dlqUrl!, queueArn: await queueArnOf(cloud, queueUrl!), stop: () => cloud.stop() };
}

async function queueArnOf(cloud: TestCloud, queueUrl: string): Promise<string> {
  const { Attributes } = await cloud.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  return Attributes!.QueueArn!;
}

/** An HTTP API payload 2.0 event, as API Gateway sends it for stage `prod`. */
export function apiEvent(
  method: string,
  path: string,
  { body, headers = {}, isBase64Encoded = false }: { body?: string; headers?: Record<string, string>; isBase64Encoded?: boolean } = {},
): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: `/prod${path}`,
    rawQueryString: '',
    headers,
    body,
    isBase64Encoded,
    requestContext: {
      accountId: '000000000000',
      apiId: 'api',
      domainName: 'api.local',
      domainPrefix: 'api',
      http: { method, path: `/prod${path}`, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: 'prod',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
  };
}

export const postBooking = (body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  apiEvent('POST', '/api/book-bus', { body: JSON.stringify(body), headers });

/** An SQS record as the event source mapping hands it to the consumer. */
export function sqsRecord(
  h: Harness,
  body: string,
  { messageId = randomUUID() as string, receiveCount = 1 }: { messageId?: string; receiveCount?: number } = {},
): SQSRecord {
  return {
    messageId,
    receiptHandle: `rh-${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: String(Date.now()),
      SenderId: '000000000000',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: h.queueArn,
    awsRegion: REGION,
  };
}

export const sqsEvent = (records: SQSRecord[]): SQSEvent => ({ Records: records });

/** Receives every visible message of the main queue as consumer records (they stay in flight, as with a real poller). */
export async function receiveRecords(h: Harness): Promise<SQSRecord[]> {
  const records: SQSRecord[] = [];
  for (;;) {
    const { Messages = [] } = await h.cloud.clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: h.queueUrl, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'] }),
    );
    if (Messages.length === 0) return records;
    for (const m of Messages) {
      records.push(sqsRecord(h, m.Body!, { messageId: m.MessageId!, receiveCount: Number(m.Attributes?.ApproximateReceiveCount ?? 1) }));
    }
  }
}
