import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetApisCommand, GetRoutesCommand, GetStagesCommand, CreateRouteCommand, DeleteRouteCommand } from '@aws-sdk/client-apigatewayv2';
import { ListTagsOfResourceCommand } from '@aws-sdk/client-dynamodb';
import { AttachRolePolicyCommand, CreateRoleCommand, GetRolePolicyCommand, ListRoleTagsCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { GetFunctionCommand, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { DeleteObjectCommand, GetBucketTaggingCommand, PutBucketVersioningCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueUrlCommand, ListQueueTagsCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { StackStatus } from '../../src/stack/status.js';
import { RESOURCES } from '../../src/stack/resources/index.js';
import { startTestCloud, type TestCloud } from '../helpers/cloud.js';
import { FAST_STRICT, waitUntil } from '../helpers/stack.js';
import { bus, cleanMachine, expectOk, type CliRun, ENV_KEYS, removeMachines } from './cli.js';
import { listEverything, NOTHING } from './inventory.js';

const REGION = 'ap-northeast-2';
const ACCOUNT = '000000000000';
/** The seed's bucket name, owned by another account here as it is on AWS. */
const SEED_BUCKET = 'aram-app-bucket';
const FALLBACK_BUCKET = `aram-app-bucket-${ACCOUNT}-${REGION}`;
const CHOSEN_BUCKET = 'chosen-bucket-for-second';
const TAGS = (stack: string) => ({ app: 'bus-cli', stack });
const SLOW = 180_000;

/** The lines `up` prints at the end: `  page  <url>` and so on. */
function printed(run: CliRun) {
  const value = (label: string) => run.stdout.match(new RegExp(`^  ${label}\\s+(\\S+)$`, 'm'))?.[1];
  return { bucket: value('bucket'), page: value('page'), api: value('api'), stats: value('stats\\.json') };
}

/** The step ids of the lines with this mark, e.g. `~ updated   queue  aram-queue (...)` -> queue. */
const steps = (run: CliRun, mark: string) =>
  run.stderr
    .split('\n')
    .filter((l) => l.startsWith(mark))
    .map((l) => l.slice(mark.length).trim().split(/\s+/)[0])
    .sort();
const marks = (run: CliRun, mark: string) => steps(run, mark).length;

async function bookAndSeeProcessed(api: string, stats: string) {
  const booked = await fetch(`${api}/api/book-bus`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
  expect(booked.status).toBe(200);
  const before = (await (await fetch(stats)).json()) as { processed: number };
  return waitUntil(async () => {
    const now = (await (await fetch(stats)).json()) as { processed: number };
    return now.processed > before.processed ? now : undefined;
  }, 20_000);
}

describe('up --endpoint <embedded cloud> --region ap-northeast-2: the AWS code path, strict mode', () => {
  let t: TestCloud;
  let aws: string[];
  /** A fresh machine for every command: status and down find the stack by its tags, not by local files. */
  const cli = (...args: string[]) => bus([...args, ...aws], cleanMachine(ENV_KEYS).env);
  const status = async (...args: string[]) => JSON.parse(expectOk(await cli('status', '--json', ...args)).stdout) as StackStatus;
  const byId = (s: StackStatus) => Object.fromEntries(s.resources.map((r) => [r.id, r]));
  let urls: ReturnType<typeof printed>;

  beforeAll(async () => {
    t = await startTestCloud({ ...FAST_STRICT, foreignBucketNames: [SEED_BUCKET] }, REGION);
    aws = ['--endpoint', t.cloud.endpoint, '--region', REGION];
  });
  afterAll(async () => {
    await t?.stop();
    removeMachines();
  });

  it('up stands the whole stack up in one run, on a bucket name of its own since the seed name is taken', { timeout: SLOW }, async () => {
    const up = expectOk(await cli('up'));
    expect(up.stderr.split('\n').filter((l) => l.includes(SEED_BUCKET) && l.includes('another AWS account'))).toEqual([
      `! note      bucket name ${SEED_BUCKET} is owned by another AWS account: using ${FALLBACK_BUCKET}`,
    ]);
    urls = printed(up);
    expect(urls).toEqual({
      bucket: FALLBACK_BUCKET,
      page: `${t.cloud.endpoint}/_website/${FALLBACK_BUCKET}/`,
      api: expect.stringMatching(new RegExp(`^${t.cloud.endpoint}/_aws/execute-api/\\w+/prod$`)),
      stats: `${t.cloud.endpoint}/${FALLBACK_BUCKET}/stats.json`,
    });
    expect(marks(up, '+ created')).toBe(RESOURCES.length);

    // The chosen name reached the consumer's permissions, its environment and the page.
    const { Configuration } = await t.clients.lambda.send(new GetFunctionCommand({ FunctionName: 'aram-consumer' }));
    expect(Configuration?.Environment?.Variables?.S3_BUCKET).toBe(FALLBACK_BUCKET);
    const policy = await t.clients.iam.send(new GetRolePolicyCommand({ RoleName: 'aram-consumer-role', PolicyName: 'bus-cli' }));
    expect(decodeURIComponent(policy.PolicyDocument!)).toContain(`arn:aws:s3:::${FALLBACK_BUCKET}/stats.json`);
    expect(await (await fetch(urls.page!)).text()).toContain(urls.stats);
    expect(await bookAndSeeProcessed(urls.api!, urls.stats!)).toMatchObject({ processed: 1, success: 1 });
  });

  it('every resource carries app=bus-cli and stack=<name>', async () => {
    const c = t.clients;
    const api = (await c.apigw.send(new GetApisCommand({}))).Items!.find((a) => a.Name === 'aram-http-api')!;
    const queueTags = async (QueueName: string) =>
      (await c.sqs.send(new ListQueueTagsCommand({ QueueUrl: (await c.sqs.send(new GetQueueUrlCommand({ QueueName }))).QueueUrl }))).Tags;
    const asMap = (list: { Key?: string; Value?: string }[] | undefined) => Object.fromEntries((list ?? []).map((x) => [x.Key, x.Value]));
    const tagSets = [
      asMap((await c.s3.send(new GetBucketTaggingCommand({ Bucket: FALLBACK_BUCKET }))).TagSet),
      asMap((await c.dynamodb.send(new ListTagsOfResourceCommand({ ResourceArn: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/aram-stats` }))).Tags),
      await queueTags('aram-queue'),
      await queueTags('aram-queue-dlq'),
      (await c.lambda.send(new GetFunctionCommand({ FunctionName: 'aram-producer' }))).Tags,
      (await c.lambda.send(new GetFunctionCommand({ FunctionName: 'aram-consumer' }))).Tags,
      api.Tags,
      (await c.apigw.send(new GetStagesCommand({ ApiId: api.ApiId }))).Items?.[0].Tags,
      asMap((await c.iam.send(new ListRoleTagsCommand({ RoleName: 'aram-producer-role' }))).Tags),
      asMap((await c.iam.send(new ListRoleTagsCommand({ RoleName: 'aram-consumer-role' }))).Tags),
    ];
    for (const tags of tagSets) expect(tags).toMatchObject(TAGS('aram'));
  });

  it('a second up changes nothing', { timeout: SLOW }, async () => {
    const again = expectOk(await cli('up'));
    expect(marks(again, '= unchanged')).toBe(RESOURCES.length);
    expect(marks(again, '+ created') + marks(again, '~ updated')).toBe(0);
    expect(printed(again)).toEqual(urls);
  });

  it('status names the drift of changes made by hand; up repairs it', { timeout: SLOW }, async () => {
    const c = t.clients;
    await c.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'aram-producer', Timeout: 30 }));
    const api = (await c.apigw.send(new GetApisCommand({}))).Items!.find((a) => a.Name === 'aram-http-api')!;
    const routes = (await c.apigw.send(new GetRoutesCommand({ ApiId: api.ApiId }))).Items!;
    const stats = routes.find((r) => r.RouteKey === 'GET /api/stats')!;
    await c.apigw.send(new DeleteRouteCommand({ ApiId: api.ApiId, RouteId: stats.RouteId }));
    await c.apigw.send(new CreateRouteCommand({ ApiId: api.ApiId, RouteKey: 'GET /api/extra', Target: stats.Target }));
    const wide = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] };
    await c.iam.send(new PutRolePolicyCommand({ RoleName: 'aram-consumer-role', PolicyName: 'bus-cli', PolicyDocument: JSON.stringify(wide) }));
    const { QueueUrl } = await c.sqs.send(new GetQueueUrlCommand({ QueueName: 'aram-queue' }));
    await c.sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { VisibilityTimeout: '10' } }));

    const drifted = await status();
    expect(
      drifted.resources
        .filter((r) => r.state !== 'ok')
        .map((r) => r.id)
        .sort(),
    ).toEqual(['function:producer', 'http-api', 'queue', 'role:consumer']);
    const resources = byId(drifted);
    expect(resources['function:producer'].drift).toEqual(['Timeout is 30, wants 5']);
    expect(resources['http-api'].drift).toEqual(['route GET /api/stats missing', 'extra route GET /api/extra']);
    expect(resources['role:consumer'].drift).toEqual(['permissions differ']);
    expect(resources.queue.drift).toEqual(['VisibilityTimeout is 10, wants 60']);
    expect(drifted.depth).toEqual({ queue: { waiting: 0, inFlight: 0, delayed: 0 }, dlq: { waiting: 0, inFlight: 0, delayed: 0 } });
    expect(drifted.urls).toEqual({ page: urls.page, api: urls.api, stats: urls.stats });

    const repair = expectOk(await cli('up'));
    expect(steps(repair, '~ updated')).toEqual(['function:producer', 'http-api', 'queue', 'role:consumer']);
    const repaired = await status();
    expect(repaired.resources.filter((r) => r.state !== 'ok')).toEqual([]);
    expect(repaired.summary).toBe(`${RESOURCES.length} ok, 0 drifted, 0 missing`);
    const routeKeys = (await c.apigw.send(new GetRoutesCommand({ ApiId: api.ApiId }))).Items!.map((r) => r.RouteKey);
    expect(routeKeys).not.toContain('GET /api/extra');
    expect(await bookAndSeeProcessed(urls.api!, urls.stats!)).toMatchObject({ processed: 2 });
  });

  it('a second --stack with a chosen --bucket stands beside the first; status finds its bucket by tags', { timeout: SLOW }, async () => {
    const up = expectOk(await cli('up', '--stack', 'second', '--bucket', CHOSEN_BUCKET));
    const second = printed(up);
    expect(second.bucket).toBe(CHOSEN_BUCKET);
    expect(await bookAndSeeProcessed(second.api!, second.stats!)).toMatchObject({ processed: 1 });

    const found = await status('--stack', 'second');
    expect(byId(found).bucket).toMatchObject({ name: CHOSEN_BUCKET, state: 'ok' });
    expect(found.resources.filter((r) => r.state !== 'ok')).toEqual([]);
    const first = await status();
    expect(first.resources.filter((r) => r.state !== 'ok')).toEqual([]);
    expect(first.urls).toEqual({ page: urls.page, api: urls.api, stats: urls.stats });
  });

  it('down --dry-run lists what it would delete, including what was added by hand, and deletes nothing', { timeout: SLOW }, async () => {
    const c = t.clients;
    await c.sqs.send(new CreateQueueCommand({ QueueName: 'second-renamed-queue', tags: TAGS('second') }));
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
    await c.iam.send(
      new CreateRoleCommand({
        RoleName: 'second-extra-role',
        AssumeRolePolicyDocument: JSON.stringify(trust),
        Tags: [
          { Key: 'app', Value: 'bus-cli' },
          { Key: 'stack', Value: 'second' },
        ],
      }),
    );
    await c.iam.send(
      new AttachRolePolicyCommand({ RoleName: 'second-producer-role', PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }),
    );
    // Versions and a delete marker: what a plain DeleteObject loop leaves behind.
    await c.s3.send(new PutBucketVersioningCommand({ Bucket: CHOSEN_BUCKET, VersioningConfiguration: { Status: 'Enabled' } }));
    for (const body of ['one', 'two']) await c.s3.send(new PutObjectCommand({ Bucket: CHOSEN_BUCKET, Key: 'notes.txt', Body: body }));
    await c.s3.send(new DeleteObjectCommand({ Bucket: CHOSEN_BUCKET, Key: 'notes.txt' }));
    const before = await listEverything(c);

    const dry = expectOk(await cli('down', '--dry-run', '--stack', 'second'));
    for (const name of [
      CHOSEN_BUCKET,
      'second-stats',
      'second-queue',
      'second-queue-dlq',
      'second-renamed-queue',
      'second-producer-role',
      'second-extra-role',
      'second-http-api',
      '/aws/lambda/second-consumer',
    ]) {
      expect(dry.stdout).toContain(` ${name}`);
    }
    expect(dry.stdout).not.toMatch(/aram/);
    expect(await listEverything(c)).toEqual(before);
  });

  it('down deletes the second stack and what carries its tags; the first is untouched', { timeout: SLOW }, async () => {
    expectOk(await cli('down', '--stack', 'second'));
    const left = await listEverything(t.clients);
    expect(JSON.stringify(left)).not.toMatch(/second|chosen-bucket/);
    expect(left.buckets).toEqual([FALLBACK_BUCKET]);
    const first = await status();
    expect(first.resources.filter((r) => r.state !== 'ok')).toEqual([]);
    expect(await bookAndSeeProcessed(urls.api!, urls.stats!)).toMatchObject({ processed: 3 });
  });

  it('down of the last stack leaves nothing in any service; status then shows none', { timeout: SLOW }, async () => {
    expectOk(await cli('down'));
    expect(await listEverything(t.clients)).toEqual(NOTHING);
    expect((await status()).summary).toBe(`no resources: run \`bus-cli up ${aws.join(' ')}\``);
    const again = expectOk(await cli('down'));
    expect(again.stdout).toMatch(/nothing to delete/);
  });
});
