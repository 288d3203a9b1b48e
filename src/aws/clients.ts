import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { S3Client } from '@aws-sdk/client-s3';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';

// The SDK warns once per process that Node 20 support ends in 2027; the lockfile pins a version that runs here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface ClientTarget {
  region: string;
  /** A custom endpoint (embedded cloud, LocalStack); undefined means real AWS. */
  endpoint?: string;
  /** Keys, or a provider such as the default chain; unset: the test keys on an endpoint, the SDK's chain on AWS. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** SDK retry attempts; the standard strategy backs off on throttling and 5xx. */
  maxAttempts?: number;
  /** API Gateway v2 at another endpoint (the embedded front when LocalStack has none). */
  apigwEndpoint?: string;
}

/** Credentials the embedded cloud and LocalStack accept (both ignore signatures). */
export const LOCAL_CREDENTIALS: AwsCredentialIdentity = { accessKeyId: 'test', secretAccessKey: 'test' };

/** Every AWS SDK v3 client the project uses, built from one target so endpoint, region and retries agree. */
export function createClients(target: ClientTarget) {
  const config = {
    region: target.region,
    endpoint: target.endpoint,
    credentials: target.credentials ?? (target.endpoint ? LOCAL_CREDENTIALS : undefined),
    maxAttempts: target.maxAttempts ?? 5,
  };
  return {
    target,
    dynamodb: new DynamoDBClient(config),
    sqs: new SQSClient(config),
    // Path-style: no DNS for <bucket>.localhost needed against a local endpoint.
    s3: new S3Client({ ...config, forcePathStyle: Boolean(target.endpoint) }),
    lambda: new LambdaClient(config),
    apigw: new ApiGatewayV2Client({ ...config, endpoint: target.apigwEndpoint ?? config.endpoint }),
    // IAM and STS are global; on AWS they answer in us-east-1 whatever the stack's region.
    iam: new IAMClient({ ...config, region: target.endpoint ? target.region : 'us-east-1' }),
    sts: new STSClient(config),
    logs: new CloudWatchLogsClient(config),
  };
}

export type Clients = ReturnType<typeof createClients>;

export function destroyClients(clients: Clients): void {
  for (const c of Object.values(clients)) if (c && typeof c === 'object' && 'destroy' in c) (c as { destroy(): void }).destroy();
}
