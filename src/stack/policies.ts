import type { StackContext } from './context.js';
import { STATS_KEY } from '../../lambdas/domain/index.js';

/** IAM policy documents of the stack: least privilege, scoped to this stack's ARNs. */
export type PolicyDocument = { Version: '2012-10-17'; Statement: Record<string, unknown>[] };

export const LAMBDA_TRUST_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

const arns = (ctx: StackContext) => {
  const { region } = ctx.target;
  const { account, names } = ctx;
  return {
    table: `arn:aws:dynamodb:${region}:${account}:table/${names.table}`,
    queue: `arn:aws:sqs:${region}:${account}:${names.queue}`,
    dlq: `arn:aws:sqs:${region}:${account}:${names.dlq}`,
    statsObject: `arn:aws:s3:::${ctx.outputs.bucket ?? names.bucket}/${STATS_KEY}`,
    logGroup: (fn: string) => `arn:aws:logs:${region}:${account}:log-group:/aws/lambda/${fn}:*`,
  };
};

/** Reads and conditional writes on the one table; TransactWriteItems needs the per-item actions. */
const TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem', 'dynamodb:Query'];
const LOG_ACTIONS = ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'];

export function producerPolicy(ctx: StackContext): PolicyDocument {
  const a = arns(ctx);
  return {
    Version: '2012-10-17',
    Statement: [
      // DeleteItem: a booking recorded but not enqueued (SendMessage failed) is removed again.
      { Sid: 'Table', Effect: 'Allow', Action: [...TABLE_ACTIONS, 'dynamodb:DeleteItem'], Resource: a.table },
      { Sid: 'Enqueue', Effect: 'Allow', Action: ['sqs:GetQueueUrl', 'sqs:SendMessage', 'sqs:GetQueueAttributes'], Resource: a.queue },
      { Sid: 'DeadLetterDepth', Effect: 'Allow', Action: ['sqs:GetQueueAttributes'], Resource: a.dlq },
      { Sid: 'Logs', Effect: 'Allow', Action: LOG_ACTIONS, Resource: a.logGroup(ctx.names.producer) },
    ],
  };
}

export function consumerPolicy(ctx: StackContext): PolicyDocument {
  const a = arns(ctx);
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Table', Effect: 'Allow', Action: TABLE_ACTIONS, Resource: a.table },
      // What the event source mapping does with the execution role's permissions.
      {
        Sid: 'Poll',
        Effect: 'Allow',
        Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
        Resource: a.queue,
      },
      // The consumer's delayed reminder to write stats.json (lambdas/lib/stats-flush.ts).
      { Sid: 'StatsTick', Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: a.queue },
      { Sid: 'DeadLetterDepth', Effect: 'Allow', Action: ['sqs:GetQueueAttributes'], Resource: a.dlq },
      { Sid: 'StatsFile', Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject'], Resource: a.statsObject },
      { Sid: 'Logs', Effect: 'Allow', Action: LOG_ACTIONS, Resource: a.logGroup(ctx.names.consumer) },
    ],
  };
}

/** Order-insensitive comparison of two policy documents (AWS may reorder keys or turn one-item arrays to strings). */
export function samePolicy(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));
}

function normalize(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(normalize);
    return items.length === 1 ? items[0] : items.map((i) => JSON.stringify(i)).sort();
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([k, v]) => [k, normalize(v)]),
    );
  }
  return value;
}

/** True when a trust policy lets Lambda assume the role (so waiting for propagation can help). */
export function trustsLambda(doc: unknown): boolean {
  const statements = (doc as PolicyDocument)?.Statement;
  return (Array.isArray(statements) ? statements : [statements]).some((s) => {
    if (s?.Effect !== 'Allow') return false;
    const actions = ([] as unknown[]).concat(s.Action ?? []);
    const service = ([] as unknown[]).concat((s.Principal as { Service?: unknown })?.Service ?? []);
    return actions.some((x) => x === 'sts:AssumeRole' || x === 'sts:*' || x === '*') && service.includes('lambda.amazonaws.com');
  });
}
