import { parsePolicyDocument, type PolicyDocument } from './policy/document.js';

export interface ManagedPolicy {
  name: string;
  arn: string;
  /** The document as IAM returns it (GetPolicyVersion), and parsed for evaluation. */
  text: string;
  document: PolicyDocument;
}

const allowAll = (actions: string[], resource = '*') => ({ Effect: 'Allow', Action: actions, Resource: resource });
const LOG_WRITES = ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'];

/** AWS managed policies a Lambda stack attaches, with their real documents (default versions). */
const DOCUMENTS: Record<string, object[]> = {
  'service-role/AWSLambdaBasicExecutionRole': [allowAll(LOG_WRITES)],
  'service-role/AWSLambdaSQSQueueExecutionRole': [allowAll(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', ...LOG_WRITES])],
  'service-role/AWSLambdaDynamoDBExecutionRole': [
    allowAll(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams', ...LOG_WRITES]),
  ],
  'service-role/AWSLambdaRole': [allowAll(['lambda:InvokeFunction'])],
  AWSLambdaExecute: [allowAll(['logs:*'], 'arn:aws:logs:*:*:*'), allowAll(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::*')],
  AWSXRayDaemonWriteAccess: [
    allowAll(['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:GetSamplingStatisticSummaries']),
  ],
  AmazonSQSFullAccess: [allowAll(['sqs:*'])],
  AmazonS3FullAccess: [allowAll(['s3:*', 's3-object-lambda:*'])],
  AdministratorAccess: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

export const AWS_MANAGED_POLICIES: ReadonlyMap<string, ManagedPolicy> = new Map(
  Object.entries(DOCUMENTS).map(([path, statements]) => {
    const arn = `arn:aws:iam::aws:policy/${path}`;
    const text = JSON.stringify({ Version: '2012-10-17', Statement: statements });
    return [arn, { name: path.split('/').pop()!, arn, text, document: parsePolicyDocument(text, 'identity') }];
  }),
);
