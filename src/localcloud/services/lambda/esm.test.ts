import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  DeleteFunctionCommand,
  GetEventSourceMappingCommand,
  InvalidParameterValueException,
  ListEventSourceMappingsCommand,
  ResourceConflictException,
  ResourceNotFoundException,
  UpdateEventSourceMappingCommand,
  type CreateEventSourceMappingCommandInput,
} from '@aws-sdk/client-lambda';
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageBatchCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { FilterLogEventsCommand, ResourceNotFoundException as LogGroupNotFound } from '@aws-sdk/client-cloudwatch-logs';
import { startTestCloud, type TestCloud } from '../../../../test/helpers/cloud.js';
import { failedItems } from './esm/batchResult.js';
import { createExecutionRole, deployFunction } from './fixtures.js';

/** Logs each batch it gets, and reports the records whose body starts with "fail" as failed. */
const CONSUMER = {
  'index.mjs': `export const handler = async (event) => {
    console.log('BATCH ' + JSON.stringify({ size: event.Records.length, bodies: event.Records.map((r) => r.body), first: event.Records[0] }));
    return { batchItemFailures: event.Records.filter((r) => r.body.startsWith('fail')).map((r) => ({ itemIdentifier: r.messageId })) };
  };`,
};

interface Batch {
  size: number;
  bodies: string[];
  first: Record<string, unknown>;
}

describe('lambda event source mappings (SQS)', () => {
  let t: TestCloud;
  let role: string;

  async function queue(name: string, visibilityTimeout = 30) {
    const { QueueUrl } = await t.clients.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: String(visibilityTimeout) } }));
    return { url: QueueUrl!, arn: `arn:aws:sqs:${t.region}:000000000000:${name}` };
  }

  async function counts(url: string) {
    const { Attributes } = await t.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
    return { visible: Number(Attributes!.ApproximateNumberOfMessages), inFlight: Number(Attributes!.ApproximateNumberOfMessagesNotVisible) };
  }

  async function batches(functionName: string): Promise<Batch[]> {
    const out: Batch[] = [];
    let nextToken: string | undefined;
    do {
      const page = await t.clients.logs.send(new FilterLogEventsCommand({ logGroupName: `/aws/lambda/${functionName}`, filterPattern: 'BATCH', nextToken }));
      out.push(...(page.events ?? []).map((e) => JSON.parse(e.message!.split('\tBATCH ')[1]) as Batch));
      nextToken = page.nextToken;
    } while (nextToken);
    return out;
  }

  const map = (input: CreateEventSourceMappingCommandInput) => t.clients.lambda.send(new CreateEventSourceMappingCommand(input));
  const drained = (url: string, inFlight = 0) =>
    vi.waitFor(async () => expect(await counts(url)).toEqual({ visible: 0, inFlight }), { timeout: 15_000, interval: 50 });

  beforeAll(async () => {
    t = await startTestCloud();
    role = await createExecutionRole(t, 'consumer', ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'logs:*']);
  });
  afterAll(() => t.stop());

  it('sends batches no larger than BatchSize, with records shaped as AWS sends them', async () => {
    await deployFunction(t, 'batched', role, CONSUMER);
    const q = await queue('batched');
    const created = await map({ FunctionName: 'batched', EventSourceArn: q.arn, BatchSize: 3 });
    expect(created).toMatchObject({
      State: 'Creating',
      BatchSize: 3,
      EventSourceArn: q.arn,
      FunctionArn: `arn:aws:lambda:${t.region}:000000000000:function:batched`,
    });
    await t.clients.sqs.send(
      new SendMessageCommand({ QueueUrl: q.url, MessageBody: 'm0', MessageAttributes: { kind: { DataType: 'String', StringValue: 'booking' } } }),
    );
    for (let i = 1; i < 7; i++) await t.clients.sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: `m${i}` }));
    await drained(q.url);

    const got = await batches('batched');
    expect(got.flatMap((b) => b.bodies).sort()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6']);
    expect(Math.max(...got.map((b) => b.size))).toBeLessThanOrEqual(3);
    const record = got.find((b) => b.bodies[0] === 'm0')!.first;
    expect(record).toMatchObject({
      messageId: expect.any(String),
      receiptHandle: expect.any(String),
      body: 'm0',
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: expect.any(String),
        SenderId: expect.any(String),
        ApproximateFirstReceiveTimestamp: expect.any(String),
      },
      messageAttributes: { kind: { stringValue: 'booking', stringListValues: [], binaryListValues: [], dataType: 'String' } },
      md5OfBody: expect.stringMatching(/^[0-9a-f]{32}$/),
      eventSource: 'aws:sqs',
      eventSourceARN: q.arn,
      awsRegion: t.region,
    });
    const { State, LastProcessingResult } = await t.clients.lambda.send(new GetEventSourceMappingCommand({ UUID: created.UUID }));
    expect({ State, LastProcessingResult }).toEqual({ State: 'Enabled', LastProcessingResult: 'OK' });
  });

  it('deletes only the records not reported in batchItemFailures', async () => {
    await deployFunction(t, 'partial', role, CONSUMER);
    const q = await queue('partial');
    await map({ FunctionName: 'partial', EventSourceArn: q.arn, FunctionResponseTypes: ['ReportBatchItemFailures'] });
    await t.clients.sqs.send(
      new SendMessageBatchCommand({ QueueUrl: q.url, Entries: ['ok-1', 'fail-1', 'ok-2', 'fail-2'].map((body, i) => ({ Id: String(i), MessageBody: body })) }),
    );
    // The two failed records stay in flight until their visibility timeout; the others are gone.
    await drained(q.url, 2);
    expect((await batches('partial')).flatMap((b) => b.bodies).sort()).toEqual(['fail-1', 'fail-2', 'ok-1', 'ok-2']);
  });

  it('ignores batchItemFailures unless ReportBatchItemFailures is on', async () => {
    await deployFunction(t, 'all-or-nothing', role, CONSUMER);
    const q = await queue('all-or-nothing');
    await map({ FunctionName: 'all-or-nothing', EventSourceArn: q.arn });
    await t.clients.sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: 'fail-but-deleted' }));
    await drained(q.url);
  });

  it('leaves a batch whose invocation failed to reappear after the visibility timeout, then retries it', async () => {
    const flaky = `export const handler = async (event) => {
      const [record] = event.Records;
      console.log('BATCH ' + JSON.stringify({ size: 1, bodies: [record.body + '#' + record.attributes.ApproximateReceiveCount], first: record }));
      if (record.attributes.ApproximateReceiveCount === '1') throw new Error('first delivery fails');
    };`;
    await deployFunction(t, 'flaky', role, { 'index.mjs': flaky }, { Timeout: 1 });
    const q = await queue('flaky', 1);
    await map({ FunctionName: 'flaky', EventSourceArn: q.arn, BatchSize: 1 });
    await t.clients.sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: 'seat' }));
    await drained(q.url);
    expect((await batches('flaky')).flatMap((b) => b.bodies)).toEqual(['seat#1', 'seat#2']);
  });

  it('receives a batch only when an environment can take it at once, so busy environments use up no receive count', async () => {
    // Lambda gives each of its 5 pollers' batches an environment at once. Here a function has at most
    // max(1, cores - 1) environments: a batch received while they were all busy used to wait for one, its
    // visibility timeout ran out, and it was received again (on a machine with 6+ cores the cap is not reached).
    const slow = `export const handler = async (event) => {
      const [record] = event.Records;
      console.log('BATCH ' + JSON.stringify({ size: 1, bodies: [record.body + '#' + record.attributes.ApproximateReceiveCount], first: record }));
      await new Promise((r) => setTimeout(r, 1000));
    };`;
    await deployFunction(t, 'busy', role, { 'index.mjs': slow }, { Timeout: 3 });
    const q = await queue('busy', 3);
    await map({ FunctionName: 'busy', EventSourceArn: q.arn, BatchSize: 1 });
    const Entries = Array.from({ length: 8 }, (_, i) => ({ Id: String(i), MessageBody: `m${i}` }));
    await t.clients.sqs.send(new SendMessageBatchCommand({ QueueUrl: q.url, Entries }));
    await vi.waitFor(async () => expect(await counts(q.url)).toEqual({ visible: 0, inFlight: 0 }), { timeout: 30_000, interval: 100 });
    const bodies = (await batches('busy')).flatMap((b) => b.bodies).sort();
    expect(bodies).toEqual(Entries.map((e) => `${e.MessageBody}#1`).sort());
  });

  it('fails the whole batch on a malformed batchItemFailures response', () => {
    const batch = new Set(['a', 'b']);
    const failed = (response: unknown) => failedItems(Buffer.from(typeof response === 'string' ? response : JSON.stringify(response)), batch);
    expect(failed({ batchItemFailures: [{ itemIdentifier: 'b' }] })).toEqual(new Set(['b']));
    expect(failed({ batchItemFailures: [] })).toEqual(new Set());
    expect(failed(null)).toEqual(new Set());
    expect(failed({ batchItemFailures: [{ itemIdentifier: 'zzz' }] })).toBe('all');
    expect(failed({ batchItemFailures: [{ id: 'a' }] })).toBe('all');
    expect(failed({ batchItemFailures: [{ itemIdentifier: '' }] })).toBe('all');
    expect(failed('{not json')).toBe('all');
  });

  it('invokes nothing while the mapping is disabled, and drains once enabled', async () => {
    await deployFunction(t, 'paused', role, CONSUMER);
    const q = await queue('paused');
    const { UUID } = await map({ FunctionName: 'paused', EventSourceArn: q.arn, Enabled: false });
    expect((await t.clients.lambda.send(new GetEventSourceMappingCommand({ UUID }))).State).toBe('Disabled');
    await t.clients.sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: 'waiting' }));
    await new Promise((r) => setTimeout(r, 1000));
    expect(await counts(q.url)).toEqual({ visible: 1, inFlight: 0 });
    // Never invoked, so it has not even a log group yet.
    await expect(batches('paused')).rejects.toBeInstanceOf(LogGroupNotFound);

    await t.clients.lambda.send(new UpdateEventSourceMappingCommand({ UUID, Enabled: true }));
    await drained(q.url);
    expect((await batches('paused')).flatMap((b) => b.bodies)).toEqual(['waiting']);
  });

  it('a poller stopped by an update while it long-polls takes no message: the next one is received once', async () => {
    await deployFunction(t, 'updated', role, CONSUMER);
    const q = await queue('updated');
    const { UUID } = await map({ FunctionName: 'updated', EventSourceArn: q.arn });
    const enabled = () =>
      vi.waitFor(async () => expect((await t.clients.lambda.send(new GetEventSourceMappingCommand({ UUID }))).State).toBe('Enabled'), {
        timeout: 5_000,
        interval: 20,
      });
    await enabled();
    // Each update replaces the poller, whose loops are waiting on the empty queue.
    for (const BatchSize of [5, 10]) {
      await t.clients.lambda.send(new UpdateEventSourceMappingCommand({ UUID, BatchSize }));
      await enabled();
    }
    await t.clients.sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: 'after-updates' }));
    await drained(q.url);
    const [batch] = await batches('updated');
    expect(batch).toMatchObject({ bodies: ['after-updates'], first: { attributes: { ApproximateReceiveCount: '1' } } });
  });

  it('gathers a batch over MaximumBatchingWindowInSeconds: messages sent apart arrive in one invocation', async () => {
    await deployFunction(t, 'windowed', role, CONSUMER);
    const q = await queue('windowed');
    await map({ FunctionName: 'windowed', EventSourceArn: q.arn, BatchSize: 10, MaximumBatchingWindowInSeconds: 1 });
    for (const body of ['w1', 'w2', 'w3']) {
      await t.clients.sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: body }));
      await new Promise((r) => setTimeout(r, 150));
    }
    await drained(q.url);
    expect((await batches('windowed')).map((b) => b.bodies)).toEqual([['w1', 'w2', 'w3']]);
  });

  it('drains 500 messages with several batches in flight', async () => {
    await deployFunction(t, 'bulk', role, CONSUMER);
    const q = await queue('bulk');
    await map({ FunctionName: 'bulk', EventSourceArn: q.arn, BatchSize: 10, ScalingConfig: { MaximumConcurrency: 5 } });
    for (let i = 0; i < 50; i++) {
      const Entries = Array.from({ length: 10 }, (_, j) => ({ Id: String(j), MessageBody: `msg-${i * 10 + j}` }));
      await t.clients.sqs.send(new SendMessageBatchCommand({ QueueUrl: q.url, Entries }));
    }
    await drained(q.url);
    const bodies = (await batches('bulk')).flatMap((b) => b.bodies);
    expect(new Set(bodies).size).toBe(500);
  });

  it('refuses a second mapping of the same queue and function, naming the existing UUID', async () => {
    await deployFunction(t, 'twice', role, CONSUMER);
    const q = await queue('twice');
    const { UUID } = await map({ FunctionName: 'twice', EventSourceArn: q.arn });
    await expect(map({ FunctionName: 'twice', EventSourceArn: q.arn })).rejects.toMatchObject({
      name: 'ResourceConflictException',
      message: `An event source mapping with SQS arn (" ${q.arn} ") and function (" twice ") already exists. Please update or delete the existing mapping with UUID ${UUID}`,
    });
    const listed = await t.clients.lambda.send(new ListEventSourceMappingsCommand({ FunctionName: 'twice' }));
    expect(listed.EventSourceMappings?.map((m) => m.UUID)).toEqual([UUID]);
  });

  it('refuses a queue whose visibility timeout is shorter than the function timeout', async () => {
    await deployFunction(t, 'patient', role, CONSUMER, { Timeout: 45 });
    const q = await queue('hasty', 30);
    await expect(map({ FunctionName: 'patient', EventSourceArn: q.arn })).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: 'Queue visibility timeout: 30 seconds is less than Function timeout: 45 seconds',
    });
  });

  it('refuses an unknown queue, a large batch without a window, and a role that cannot poll', async () => {
    await expect(map({ FunctionName: 'batched', EventSourceArn: `arn:aws:sqs:${t.region}:000000000000:nope` })).rejects.toBeInstanceOf(
      InvalidParameterValueException,
    );
    const q = await queue('strict-rules');
    await expect(map({ FunctionName: 'batched', EventSourceArn: q.arn, BatchSize: 100 })).rejects.toThrow(
      'Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10',
    );
    const weak = await createExecutionRole(t, 'no-sqs', ['logs:*']);
    await deployFunction(t, 'weak', weak, CONSUMER);
    await expect(map({ FunctionName: 'weak', EventSourceArn: q.arn })).rejects.toThrow(
      'The function execution role does not have permissions to call ReceiveMessage on SQS',
    );
    // AWS answers a missing function as a bad parameter, not a 404.
    await expect(map({ FunctionName: 'ghost', EventSourceArn: q.arn })).rejects.toThrow('Function does not exist');
  });
});

describe('lambda event source mapping states', () => {
  let t: TestCloud;

  beforeAll(async () => {
    t = await startTestCloud({ timings: { mappingTransitionMs: 400 } });
  });
  afterAll(() => t.stop());

  it('moves Creating -> Enabled -> Disabling -> Disabled -> Deleting -> gone, and holds DeleteFunction meanwhile', async () => {
    const role = await createExecutionRole(t, 'states', ['sqs:*']);
    await deployFunction(t, 'stateful', role, CONSUMER);
    await t.clients.sqs.send(new CreateQueueCommand({ QueueName: 'stateful' }));
    const EventSourceArn = `arn:aws:sqs:${t.region}:000000000000:stateful`;
    const get = (UUID: string) => t.clients.lambda.send(new GetEventSourceMappingCommand({ UUID }));
    const settled = (UUID: string, state: string) => vi.waitFor(async () => expect((await get(UUID)).State).toBe(state), { timeout: 10_000, interval: 50 });

    const { UUID, State } = await t.clients.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'stateful', EventSourceArn }));
    expect(State).toBe('Creating');
    await expect(t.clients.lambda.send(new UpdateEventSourceMappingCommand({ UUID, BatchSize: 5 }))).rejects.toMatchObject({ name: 'ResourceInUseException' });
    await settled(UUID!, 'Enabled');

    const disabling = await t.clients.lambda.send(new UpdateEventSourceMappingCommand({ UUID, Enabled: false }));
    expect(disabling.State).toBe('Disabling');
    await settled(UUID!, 'Disabled');

    const deleting = await t.clients.lambda.send(new DeleteEventSourceMappingCommand({ UUID }));
    expect(deleting.State).toBe('Deleting');
    await expect(t.clients.lambda.send(new DeleteFunctionCommand({ FunctionName: 'stateful' }))).rejects.toBeInstanceOf(ResourceConflictException);
    await vi.waitFor(() => expect(get(UUID!)).rejects.toBeInstanceOf(ResourceNotFoundException), { timeout: 10_000, interval: 50 });
    await t.clients.lambda.send(new DeleteFunctionCommand({ FunctionName: 'stateful' }));
  });
});
