import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetItemCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { CreateRoleCommand, ListRolesCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { createClients, destroyClients, type Clients } from '../../src/aws/clients.js';
import type { StartOptions } from '../../src/localcloud/cloud.js';
import { startTestCloud, type TestCloud } from '../helpers/cloud.js';
import { waitUntil } from '../helpers/stack.js';
import { recordAttempts, rejection, up, useSession, useStrictCloud } from './support.js';

type Answer = [name: string, status: number];

/** One cheap call per service, and how AWS answers it when throttling and when failing (5xx). */
const CALLS: [service: string, call: (c: Clients) => Promise<unknown>, throttled: Answer, failed: Answer][] = [
  ['dynamodb table', (c) => c.dynamodb.send(new ListTablesCommand({})), ['ThrottlingException', 400], ['InternalServerError', 500]],
  [
    'dynamodb item',
    (c) => c.dynamodb.send(new GetItemCommand({ TableName: 'any', Key: { id: { S: 'x' } } })),
    ['ProvisionedThroughputExceededException', 400],
    ['InternalServerError', 500],
  ],
  ['sqs', (c) => c.sqs.send(new ListQueuesCommand({})), ['RequestThrottled', 403], ['ServiceUnavailable', 503]],
  ['lambda', (c) => c.lambda.send(new ListFunctionsCommand({})), ['TooManyRequestsException', 429], ['ServiceException', 500]],
  ['s3', (c) => c.s3.send(new ListBucketsCommand({})), ['SlowDown', 503], ['InternalError', 500]],
  ['iam', (c) => c.iam.send(new ListRolesCommand({})), ['Throttling', 400], ['ServiceFailureException', 500]],
  ['sts', (c) => c.sts.send(new GetCallerIdentityCommand({})), ['Throttling', 400], ['InternalFailure', 500]],
  ['apigateway', (c) => c.apigw.send(new GetApisCommand({})), ['TooManyRequestsException', 429], ['ServiceUnavailableException', 503]],
  ['logs', (c) => c.logs.send(new DescribeLogGroupsCommand({})), ['ThrottlingException', 400], ['ServiceUnavailableException', 500]],
];

describe.each([
  ['throttling', { throttleRate: 1, errorRate: 0 }, 2],
  ['5xx', { throttleRate: 0, errorRate: 1 }, 3],
] as const)('every signed call faulted with %s: each service answers in its own shape', (_kind, faults, answerColumn) => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud({ faults });
  });
  afterAll(() => t?.stop());

  it.each(CALLS)('%s', async (...row) => {
    const err = await rejection(row[1](t.clients));
    const [name, status] = row[answerColumn];
    expect({ name: err.name, status: err.$metadata?.httpStatusCode }).toEqual({ name, status });
  });
});

/** The pattern of faulted (x) and answered (.) calls over a run of sequential calls. */
async function faultPattern(opts: StartOptions, calls = 40): Promise<string> {
  const t = await startTestCloud(opts);
  try {
    let pattern = '';
    for (let i = 0; i < calls; i++)
      pattern += await t.clients.sqs.send(new ListQueuesCommand({})).then(
        () => '.',
        () => 'x',
      );
    return pattern;
  } finally {
    await t.stop();
  }
}

describe('fault sequence', () => {
  it('is the same for the same seed, and another for another seed', async () => {
    const faults = { throttleRate: 0.2, errorRate: 0.1, seed: 42 };
    const first = await faultPattern({ faults });
    expect(first).toMatch(/x/);
    expect(first).toMatch(/\./);
    expect(await faultPattern({ faults })).toBe(first);
    expect(await faultPattern({ faults: { ...faults, seed: 43 } })).not.toBe(first);
  });

  it('refuses rates that do not make a fraction', async () => {
    await expect(startTestCloud({ faults: { throttleRate: 0.8, errorRate: 0.5 } })).rejects.toThrow(/add up to at most 1/);
  });
});

describe("role sessions (the Lambda workers' credentials)", () => {
  const ROLE = 'fault-exempt';
  /** Credentials standing for a role, as Lambda hands its workers; the setup rides over faults with retries. */
  async function sessionClients(t: TestCloud): Promise<Clients> {
    const setup = createClients({ region: t.region, endpoint: t.cloud.endpoint, maxAttempts: 20 });
    try {
      const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'sts:AssumeRole' }] };
      const { Role } = await setup.iam.send(new CreateRoleCommand({ RoleName: ROLE, AssumeRolePolicyDocument: JSON.stringify(trust) }));
      const allowAll = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }] };
      await setup.iam.send(new PutRolePolicyCommand({ RoleName: ROLE, PolicyName: 'sqs', PolicyDocument: JSON.stringify(allowAll) }));
      const { Credentials } = await setup.sts.send(new AssumeRoleCommand({ RoleArn: Role!.Arn, RoleSessionName: 'worker' }));
      const credentials = { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretAccessKey!, sessionToken: Credentials!.SessionToken };
      return createClients({ region: t.region, endpoint: t.cloud.endpoint, credentials, maxAttempts: 1 });
    } finally {
      destroyClients(setup);
    }
  }

  async function sessionFaults(includeRoleSessions: boolean): Promise<number> {
    const t = await startTestCloud({ faults: { throttleRate: 0, errorRate: 0.5, seed: 7, includeRoleSessions } });
    const clients = await sessionClients(t);
    try {
      let failed = 0;
      for (let i = 0; i < 20; i++) await clients.sqs.send(new ListQueuesCommand({})).catch(() => failed++);
      return failed;
    } finally {
      destroyClients(clients);
      await t.stop();
    }
  }

  it('are spared by default, and faulted when asked', async () => {
    expect(await sessionFaults(false)).toBe(0);
    expect(await sessionFaults(true)).toBeGreaterThan(0);
  });
});

describe('a full `up` with 10% of calls throttled or failing', () => {
  const cloud = useStrictCloud({ faults: { throttleRate: 0.05, errorRate: 0.05, seed: 5 } });
  const session = useSession(cloud, 'faulty');

  it('succeeds on the SDK retry strategy, and the stack then takes a booking', async () => {
    const { ctx } = session();
    const attempts = recordAttempts(ctx.clients);
    await up(session());
    // The faults were real: some attempts failed and were retried.
    expect(attempts.failed().length).toBeGreaterThan(0);
    const booked = await fetch(`${ctx.outputs.apiUrl}/api/book-bus`, { method: 'POST', body: '{}' });
    expect(booked.status).toBe(200);
    const stats = await waitUntil(async () => {
      const res = await fetch(ctx.outputs.statsUrl!);
      const body = res.ok ? ((await res.json()) as { processed: number }) : undefined;
      return body && body.processed >= 1 ? body : undefined;
    });
    expect(stats.processed).toBe(1);
  }, 120_000);
});
