import type { Isolation } from './constants.js';
import type { ServerResponse } from 'node:http';
import type { EdgeRequest } from './request.js';
import type { Protocol } from './protocols/index.js';
import type { CloudClock } from './clock.js';

/** Who made a call: the developer (any credentials the cloud did not mint) or a role session. */
export type Principal =
  | { kind: 'root'; arn: string; accessKeyId?: string }
  | { kind: 'role'; arn: string; roleArn: string; roleName: string; accessKeyId: string };

export interface CallContext {
  requestId: string;
  region: string;
  accountId: string;
  principal: Principal;
  cloud: CloudContext;
}

/** One AWS service of the embedded cloud, mounted behind the edge. */
export interface ServicePlugin {
  /** The SigV4 signing names this plugin answers (e.g. `apigateway` for API Gateway v2). */
  readonly signingNames: readonly string[];
  /** Serializes thrown AwsErrors in this service's wire format. */
  readonly protocol: Protocol;
  handle(req: EdgeRequest, res: ServerResponse, ctx: CallContext): Promise<void> | void;
  /** Unsigned paths this plugin serves (e.g. `/_aws/execute-api/`), checked before SigV4 routing. */
  readonly publicPathPrefixes?: readonly string[];
  start?(): Promise<void> | void;
  /** Once the edge listens (its endpoint known): background work that calls the cloud may begin. */
  listening?(): void;
  stop?(): Promise<void> | void;
}

export interface LocalCloudOptions {
  host: string;
  port: number;
  /** Reproduce AWS's eventual consistency and strictness (role propagation, Pending states...). */
  strict: boolean;
  /** Where the cloud keeps its state (every service's, function code included): see core/persist.ts. */
  stateDir: string;
  /** Keep the services' state in memory only: a stop loses it (function code still goes under stateDir). */
  ephemeral: boolean;
  /** Delays that strict mode uses, shortened in tests. */
  timings: StrictTimings;
  /** Opt-in transient faults: fraction of calls answered with throttling / 5xx. */
  faults: FaultOptions;
  /** Invoke functions in this other cloud (LocalStack's Lambda) instead of our own: the API Gateway front for LocalStack. */
  remoteLambdaEndpoint?: string;
  /** Log each request to stderr. */
  verbose: boolean;
  /**
   * DynamoDB write capacity units per second per partition key (AWS: ~1,000), modelled with a token
   * bucket so a local flood shows a hot key; 0 turns the model off.
   */
  dynamoPartitionWriteRate: number;
  /** S3 bucket names that stand for buckets of other accounts (CreateBucket -> BucketAlreadyExists, access -> 403). */
  foreignBucketNames?: string[];
  /** How Lambda execution environments are kept apart: a process (the default) or a thread (V8 isolate) each. */
  lambdaIsolation: Isolation;
  /** The cloud's clock starts at this moment instead of now (AWS's runtime calendar on another day). */
  date?: Date;
}

export interface FaultOptions {
  /** Fraction of signed calls answered with the service's throttling error. */
  throttleRate: number;
  /** Fraction of signed calls answered with the service's 5xx. */
  errorRate: number;
  /** Seeds the fault sequence, so a test's faults fall on the same calls every run; random when absent. */
  seed?: number;
  /** Also fault calls signed with role-session credentials (the Lambda workers' own); off by default. */
  includeRoleSessions?: boolean;
}

export interface StrictTimings {
  /** How long a new IAM role cannot be assumed by Lambda. */
  rolePropagationMs: number;
  /** Lambda State Pending / LastUpdateStatus InProgress duration. */
  functionUpdateMs: number;
  /** Event source mapping Creating / Deleting duration. */
  mappingTransitionMs: number;
  /** DynamoDB CREATING / DELETING duration. */
  tableTransitionMs: number;
  /** SQS refuses to re-create a queue name this long after deleting it. */
  queueDeletedRecentlyMs: number;
  /** S3 answers OperationAborted to a CreateBucket of a name deleted this recently. */
  bucketNameReuseMs: number;
  /** A public access block lifted this recently still refuses a public bucket policy (the change propagates). */
  publicAccessPropagationMs: number;
}

/** Internal, in-process APIs services offer each other (not on the wire). */
export interface ServiceApis {
  lambda: LambdaApi;
  iam: IamApi;
  sqs: SqsApi;
  logs: LogsApi;
}

export interface CloudContext {
  readonly options: LocalCloudOptions;
  /** Base URL of the edge, e.g. http://127.0.0.1:4566 */
  readonly endpoint: string;
  /** "Today" for what AWS decides by date (the Lambda runtime calendar); a test may set it. */
  readonly clock: CloudClock;
  api<K extends keyof ServiceApis>(name: K): ServiceApis[K];
  provide<K extends keyof ServiceApis>(name: K, api: ServiceApis[K]): void;
  /** The principal behind a request's access key id: a role session minted by Lambda, or the developer. */
  principalFor(accessKeyId: string | undefined): Principal;
}

export interface LambdaInvokeResult {
  statusCode: number;
  payload: Buffer;
  functionError?: 'Unhandled' | 'Handled';
  /** Base64 of the last 4 KB of the invocation's log, as LogType=Tail returns. */
  logTail?: string;
  executedVersion: string;
}

export interface LambdaApi {
  /** Runs a function synchronously (RequestResponse), as Invoke does. `functionRef` is a name or ARN. */
  invoke(functionRef: string, payload: Buffer | string, region: string): Promise<LambdaInvokeResult>;
  /** True when the function's resource policy lets `principal` (a service) invoke it from `sourceArn`. */
  isInvokeAllowed(functionRef: string, region: string, principal: string, sourceArn: string): boolean;
}

export interface IamApi {
  /** Why Lambda cannot assume the role now (missing, trust policy, not yet propagated), or undefined if it can. */
  whyLambdaCannotAssume(roleArn: string): string | undefined;
  /** Temporary credentials standing for the role, as Lambda hands to a function's runtime. */
  sessionCredentials(roleArn: string, sessionName: string): { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  /** The principal that a set of access keys stands for (root for keys the cloud did not mint). */
  principalFor(accessKeyId: string | undefined): Principal;
  /** IAM policy evaluation: explicit Deny wins, then any Allow, else implicit deny. */
  isAllowed(principal: Principal, action: string, resource: string): boolean;
  /** Why `principal` may not assume the role through STS AssumeRole (missing role, trust or identity policy), or undefined if it may. */
  whyCannotAssume(roleArn: string, principal: Principal): string | undefined;
  /** The role's unique id (AROA...), the first half of its sessions' UserId; undefined when there is no such role. */
  roleId(roleArn: string): string | undefined;
}

export interface LogsApi {
  /** Appends lines to a log stream, creating its group and stream on first use (as Lambda's runtime does). */
  append(region: string, groupName: string, streamName: string, messages: readonly string[], timestamp: number): void;
}

export interface SqsApi {
  /** Queue attributes by ARN (undefined when no such queue), as GetQueueAttributes All returns them. */
  attributes(queueArn: string): Record<string, string> | undefined;
  /**
   * ReceiveMessage by ARN with every system attribute (ApproximateReceiveCount, SentTimestamp...):
   * the same visibility, receive-count and redrive semantics as the wire call. Long-polls up to `waitSeconds`,
   * unless `signal` aborts first: then it answers no messages and has taken none.
   */
  receive(queueArn: string, maxMessages: number, waitSeconds: number, signal?: AbortSignal): Promise<ReceivedMessage[]>;
  deleteMessage(queueArn: string, receiptHandle: string): void;
  changeVisibility(queueArn: string, receiptHandle: string, seconds: number): void;
}

export interface ReceivedMessage {
  MessageId: string;
  ReceiptHandle: string;
  MD5OfBody: string;
  MD5OfMessageAttributes?: string;
  Body: string;
  Attributes?: Record<string, string>;
  MessageAttributes?: Record<string, { DataType: string; StringValue?: string; BinaryValue?: string }>;
}
