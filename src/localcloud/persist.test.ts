import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, GetItemCommand, PutItemCommand, DescribeTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  DeleteMessageCommand,
  GetQueueUrlCommand,
} from '@aws-sdk/client-sqs';
import { startTestCloud, type TestCloud } from '../../test/helpers/cloud.js';
import { acquireLock, StateError } from './core/persist.js';
import { spawn } from 'node:child_process';
import {
  AddPermissionCommand,
  CreateEventSourceMappingCommand,
  GetEventSourceMappingCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
} from '@aws-sdk/client-lambda';
import { GetRoleCommand, GetRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateApiCommand } from '@aws-sdk/client-apigatewayv2';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  GetBucketWebsiteCommand,
  GetObjectCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutBucketWebsiteCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { CreateLogGroupCommand, DescribeLogGroupsCommand, FilterLogEventsCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { createExecutionRole, deployFunction } from './services/lambda/fixtures.js';
import { functionArn } from './services/lambda/store.js';

/** Each service's state survives a stop and a start on the same state dir, through the real SDK. */
describe('durable state (stop, start on the same state dir)', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'bus-cli-persist-'));
  let t: TestCloud;
  const start = () => startTestCloud({ stateDir, ephemeral: false });
  const restart = async () => {
    await t.stop();
    t = await start();
  };

  beforeAll(async () => {
    t = await start();
  });
  afterAll(async () => {
    await t.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('DynamoDB: tables and items', async () => {
    await t.clients.dynamodb.send(
      new CreateTableCommand({
        TableName: 'seats',
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      }),
    );
    for (let i = 0; i < 20 && (await t.clients.dynamodb.send(new DescribeTableCommand({ TableName: 'seats' }))).Table?.TableStatus !== 'ACTIVE'; i++)
      await new Promise((r) => setTimeout(r, 50));
    await t.clients.dynamodb.send(new PutItemCommand({ TableName: 'seats', Item: { pk: { S: 'trip#1' }, left: { N: '42' } } }));
    await restart();
    const { Item } = await t.clients.dynamodb.send(new GetItemCommand({ TableName: 'seats', Key: { pk: { S: 'trip#1' } } }));
    expect(Item?.left).toEqual({ N: '42' });
  });

  it('DynamoDB: a table a stop caught CREATING is ACTIVE after the start, as its timer would have made it', async () => {
    await t.stop();
    t = await startTestCloud({ stateDir, ephemeral: false, strict: true, timings: { tableTransitionMs: 60_000 } });
    const created = await t.clients.dynamodb.send(
      new CreateTableCommand({
        TableName: 'slow',
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      }),
    );
    expect(created.TableDescription?.TableStatus).toBe('CREATING');
    await restart();
    expect((await t.clients.dynamodb.send(new DescribeTableCommand({ TableName: 'slow' }))).Table?.TableStatus).toBe('ACTIVE');
  });

  it('SQS: queues, waiting and in-flight messages, receive counts and DLQ contents', async () => {
    const sqs = () => t.clients.sqs;
    const { QueueUrl: dlqUrl } = await sqs().send(new CreateQueueCommand({ QueueName: 'dlq' }));
    const dlqArn = (await sqs().send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn;
    const redrive = JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 });
    const { QueueUrl } = await sqs().send(new CreateQueueCommand({ QueueName: 'work', Attributes: { VisibilityTimeout: '1', RedrivePolicy: redrive } }));
    for (const body of ['a', 'b', 'c']) await sqs().send(new SendMessageCommand({ QueueUrl, MessageBody: body }));
    const first = await sqs().send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 2 }));
    expect(first.Messages).toHaveLength(2);
    await sqs().send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: first.Messages![0].ReceiptHandle }));
    await restart();

    const url = (await sqs().send(new GetQueueUrlCommand({ QueueName: 'work' }))).QueueUrl;
    const attrs = (await sqs().send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }))).Attributes!;
    expect(attrs.RedrivePolicy).toBe(redrive);
    expect(attrs.VisibilityTimeout).toBe('1');
    expect([attrs.ApproximateNumberOfMessages, attrs.ApproximateNumberOfMessagesNotVisible]).toEqual(['1', '1']);
    // The one in flight comes back after its timeout; received once already, its next receive moves it to the DLQ.
    await new Promise((r) => setTimeout(r, 1100));
    const again = await sqs().send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'] }));
    expect(again.Messages?.map((m) => [m.Body, m.Attributes?.ApproximateReceiveCount])).toEqual([['c', '1']]);
    await restart();
    const dead = await sqs().send(
      new ReceiveMessageCommand({ QueueUrl: (await sqs().send(new GetQueueUrlCommand({ QueueName: 'dlq' }))).QueueUrl, MessageSystemAttributeNames: ['All'] }),
    );
    expect(dead.Messages?.map((m) => [m.Body, m.Attributes?.DeadLetterQueueSourceArn])).toEqual([[first.Messages![1].Body, attrs.QueueArn]]);
  });

  it('IAM, Lambda, API Gateway, S3, Logs: same ids and URLs; functions Active, mappings polling, APIs serving', async () => {
    const role = await createExecutionRole(t, 'fn-role', ['logs:*', 'sqs:*']);
    await deployFunction(t, 'echo', role, {
      'index.mjs': `export const handler = async (event) => { if (event.Records) { for (const r of event.Records) console.log('got ' + r.body); return {}; } return { statusCode: 200, body: 'hello ' + event.rawPath }; };`,
    });
    const { QueueUrl } = await t.clients.sqs.send(new CreateQueueCommand({ QueueName: 'feed' }));
    const queueArn = (await t.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn;
    const { UUID } = await t.clients.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'echo', EventSourceArn: queueArn, BatchSize: 1 }));
    const { ApiId } = await t.clients.apigw.send(new CreateApiCommand({ Name: 'api', ProtocolType: 'HTTP', Target: functionArn('ap-northeast-2', 'echo') }));
    await t.clients.lambda.send(
      new AddPermissionCommand({ FunctionName: 'echo', StatementId: 'apigw', Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com' }),
    );
    await t.clients.s3.send(new CreateBucketCommand({ Bucket: 'site', CreateBucketConfiguration: { LocationConstraint: 'ap-northeast-2' } }));
    await t.clients.s3.send(new PutBucketVersioningCommand({ Bucket: 'site', VersioningConfiguration: { Status: 'Enabled' } }));
    await t.clients.s3.send(new PutObjectCommand({ Bucket: 'site', Key: 'stats.json', Body: '{"n":1}', ContentType: 'application/json' }));
    const { VersionId } = await t.clients.s3.send(
      new PutObjectCommand({ Bucket: 'site', Key: 'stats.json', Body: '{"n":2}', ContentType: 'application/json' }),
    );
    await t.clients.s3.send(new PutBucketWebsiteCommand({ Bucket: 'site', WebsiteConfiguration: { IndexDocument: { Suffix: 'index.html' } } }));
    await t.clients.s3.send(new CopyObjectCommand({ Bucket: 'site', Key: 'copy.json', CopySource: 'site/stats.json' }));
    await t.clients.logs.send(new CreateLogGroupCommand({ logGroupName: 'kept' }));
    await t.clients.logs.send(new PutRetentionPolicyCommand({ logGroupName: 'kept', retentionInDays: 7 }));
    await restart();

    expect((await t.clients.iam.send(new GetRoleCommand({ RoleName: 'fn-role' }))).Role?.Arn).toBe(role);
    expect((await t.clients.iam.send(new GetRolePolicyCommand({ RoleName: 'fn-role', PolicyName: 'inline' }))).PolicyDocument).toBeDefined();
    const fn = await t.clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'echo' }));
    expect([fn.State, fn.LastUpdateStatus]).toEqual(['Active', 'Successful']);
    expect((await t.clients.lambda.send(new GetEventSourceMappingCommand({ UUID }))).State).toBe('Enabled');
    const api = await fetch(`${t.cloud.endpoint}/_aws/execute-api/${ApiId}/hi`);
    expect([api.status, await api.text()]).toEqual([200, 'hello /hi']);
    const got = await t.clients.s3.send(new GetObjectCommand({ Bucket: 'site', Key: 'stats.json' }));
    expect([await got.Body?.transformToString(), got.VersionId, got.ContentType]).toEqual(['{"n":2}', VersionId, 'application/json']);
    const copied = await t.clients.s3.send(new GetObjectCommand({ Bucket: 'site', Key: 'copy.json' }));
    expect([await copied.Body?.transformToString(), copied.ContentType]).toEqual(['{"n":2}', 'application/json']);
    expect((await t.clients.s3.send(new ListObjectVersionsCommand({ Bucket: 'site', Prefix: 'stats.json' }))).Versions).toHaveLength(2);
    expect((await t.clients.s3.send(new GetBucketWebsiteCommand({ Bucket: 'site' }))).IndexDocument?.Suffix).toBe('index.html');
    const groups = (await t.clients.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'kept' }))).logGroups;
    expect(groups?.map((g) => [g.logGroupName, g.retentionInDays])).toEqual([['kept', 7]]);

    // The mapping polls again: a message sent now is handled, and its log line survives the next restart.
    await t.clients.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'after-restart' }));
    const logged = async () =>
      (await t.clients.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/echo', filterPattern: 'after-restart' }))).events?.length ?? 0;
    for (let i = 0; i < 100 && (await logged()) === 0; i++) await new Promise((r) => setTimeout(r, 100));
    await restart();
    expect(await logged()).toBe(1);
  });

  it('refuses a second cloud on the same state dir, in one line', async () => {
    await expect(start()).rejects.toThrow(/is in use by another local cloud \(pid \d+\)/);
  });
});

describe('unreadable state', () => {
  let stateDir: string;
  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'bus-cli-persist-bad-'));
    const t = await startTestCloud({ stateDir, ephemeral: false });
    await t.clients.sqs.send(new CreateQueueCommand({ QueueName: 'q' }));
    await t.stop();
  });
  afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

  it('a line cut short by a crash was never acknowledged: dropped, the rest kept', async () => {
    appendFileSync(join(stateDir, 'sqs/journal.jsonl'), '{"m":"arn:aws:sqs:ap-northeast-2:000000000000:q","msg":{"mess');
    const t = await startTestCloud({ stateDir, ephemeral: false });
    try {
      const { QueueUrl } = await t.clients.sqs.send(new GetQueueUrlCommand({ QueueName: 'q' }));
      expect(QueueUrl).toContain('/q');
    } finally {
      await t.stop();
    }
  });

  it('a corrupt file: a StateError naming the file, the store and what to do; nothing touched, lock released', async () => {
    const file = join(stateDir, 'sqs/journal.jsonl');
    const good = readFileSync(file, 'utf8');
    const corrupt = `${good}not json\n${good.split('\n')[1]}\n{"torn`;
    writeFileSync(file, corrupt);
    const before = readdirSync(stateDir).sort();
    const err = await startTestCloud({ stateDir, ephemeral: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateError);
    expect((err as StateError).message).toBe(`the local cloud's SQS state ${file} is unreadable (line ${good.split('\n').length} is not valid JSON)`);
    expect((err as StateError).hint).toMatch(/local reset --state-dir .* or restore a backup/);
    expect(readdirSync(stateDir).sort()).toEqual(before);
    expect(readFileSync(file, 'utf8')).toBe(corrupt);
    writeFileSync(file, good);
  });

  it('a LevelDB DynamoDB cannot open: the StateError names its directory', async () => {
    const t = await startTestCloud({ stateDir, ephemeral: false });
    await t.clients.dynamodb.send(new ListTablesCommand({}));
    await t.stop();
    const region = join(stateDir, 'dynamodb', 'ap-northeast-2');
    const current = readFileSync(join(region, 'CURRENT'));
    writeFileSync(join(region, 'CURRENT'), 'MANIFEST-999999\n');
    await expect(startTestCloud({ stateDir, ephemeral: false })).rejects.toThrow(`the local cloud's DynamoDB state ${region} is unreadable`);
    writeFileSync(join(region, 'CURRENT'), current);
  });

  it('state of another format: one line and what to do, never a wipe', async () => {
    const root = join(stateDir, 'state.json');
    writeFileSync(root, '{"format":0}');
    await expect(startTestCloud({ stateDir, ephemeral: false })).rejects.toThrow(
      `the local cloud's state in ${stateDir} has format 0, this bus-cli reads format 1`,
    );
    writeFileSync(root, '{"format":1}');
  });

  it('takes over the lock of a cloud killed and not yet reaped (a zombie answers signal 0 but holds nothing)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bus-cli-lock-'));
    // A detached cloud's parent is gone (as `up --local` leaves it): killed, it waits for init to reap it,
    // which some inits do late. An intermediate process starts it and exits, so that init is its parent.
    const starter = spawn(
      process.execPath,
      [
        '-e',
        "const c = require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { detached: true, stdio: 'ignore' }); c.unref(); console.log(c.pid);",
      ],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const pid = Number(await new Promise<string>((resolve) => starter.stdout.once('data', (d: Buffer) => resolve(d.toString()))));
    writeFileSync(join(dir, 'cloud.lock'), String(pid));
    expect(() => acquireLock(dir)).toThrow(StateError);
    process.kill(pid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const release = acquireLock(dir);
    expect(readFileSync(join(dir, 'cloud.lock'), 'utf8').trim()).toBe(String(process.pid));
    release();
  });
});

describe('ephemeral state', () => {
  it('an ephemeral cloud given no directory works in one of its own and leaves nothing behind when it stops', async () => {
    const [first, second] = await Promise.all([startTestCloud(), startTestCloud()]);
    const dirs = [first.cloud.options.stateDir, second.cloud.options.stateDir];
    // Two clouds of one process: the process's default directory would be shared (and, with pids reused, met again).
    expect(dirs[0]).not.toBe(dirs[1]);
    const role = await createExecutionRole(first, 'scratch-role');
    await deployFunction(first, 'scratch', role, { 'index.mjs': 'export const handler = async () => ({ ok: true });' });
    await first.clients.lambda.send(new InvokeCommand({ FunctionName: 'scratch' }));
    expect(readdirSync(dirs[0])).toEqual(expect.arrayContaining(['lambda', 'logs']));
    await first.stop();
    expect(existsSync(dirs[0])).toBe(false);
    expect(existsSync(dirs[1])).toBe(true);
    await second.stop();
    expect(existsSync(dirs[1])).toBe(false);
  });
});
