import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  InvalidParameterException,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudwatch-logs';
import { startTestCloud, type TestCloud } from '../../../../test/helpers/cloud.js';
import { MAX_EVENTS_PER_GROUP } from './store.js';

describe('cloudwatch logs', () => {
  let t: TestCloud;
  const group = '/aws/lambda/fn';
  const append = (stream: string, ...messages: string[]) => t.cloud.api('logs').append(t.region, group, stream, messages, Date.now());

  beforeAll(async () => {
    t = await startTestCloud();
    append('2024/01/01/[$LATEST]aaaa', 'START RequestId: 1', 'hello world', 'END RequestId: 1');
    append('2024/01/01/[$LATEST]bbbb', 'START RequestId: 2', 'ERROR boom happened', 'END RequestId: 2');
  });
  afterAll(() => t.stop());

  it('describes the groups and streams the runtime writes', async () => {
    const groups = await t.clients.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/' }));
    expect(groups.logGroups?.map((g) => g.logGroupName)).toEqual([group]);
    expect(groups.logGroups?.[0].arn).toBe(`arn:aws:logs:${t.region}:000000000000:log-group:${group}:*`);
    const streams = await t.clients.logs.send(new DescribeLogStreamsCommand({ logGroupName: group, orderBy: 'LastEventTime', descending: true }));
    expect(streams.logStreams?.map((s) => s.logStreamName)).toEqual(['2024/01/01/[$LATEST]bbbb', '2024/01/01/[$LATEST]aaaa']);
    expect(streams.logStreams?.[0].lastEventTimestamp).toBeGreaterThan(0);
  });

  it('filters events across streams by terms and pages with nextToken', async () => {
    const hit = await t.clients.logs.send(new FilterLogEventsCommand({ logGroupName: group, filterPattern: 'ERROR boom' }));
    expect(hit.events?.map((e) => e.message)).toEqual(['ERROR boom happened']);
    expect(hit.events?.[0].logStreamName).toBe('2024/01/01/[$LATEST]bbbb');
    const phrase = await t.clients.logs.send(new FilterLogEventsCommand({ logGroupName: group, filterPattern: '"boom ERROR"' }));
    expect(phrase.events).toEqual([]);

    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await t.clients.logs.send(new FilterLogEventsCommand({ logGroupName: group, filterPattern: 'RequestId', limit: 3, nextToken }));
      seen.push(...(page.events ?? []).map((e) => e.message!));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(seen).toEqual(['START RequestId: 1', 'END RequestId: 1', 'START RequestId: 2', 'END RequestId: 2']);
  });

  it('filters by stream prefix and start time', async () => {
    const byStream = await t.clients.logs.send(new FilterLogEventsCommand({ logGroupName: group, logStreamNamePrefix: '2024/01/01/[$LATEST]a' }));
    expect(byStream.events).toHaveLength(3);
    const future = await t.clients.logs.send(new FilterLogEventsCommand({ logGroupName: group, startTime: Date.now() + 60_000 }));
    expect(future.events).toEqual([]);
  });

  it('reads one stream from the tail, then forward until caught up', async () => {
    const logStreamName = '2024/01/01/[$LATEST]aaaa';
    const tail = await t.clients.logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName, limit: 2 }));
    expect(tail.events?.map((e) => e.message)).toEqual(['hello world', 'END RequestId: 1']);
    const older = await t.clients.logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName, nextToken: tail.nextBackwardToken }));
    expect(older.events?.map((e) => e.message)).toEqual(['START RequestId: 1']);
    const caughtUp = await t.clients.logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName, nextToken: tail.nextForwardToken }));
    expect(caughtUp.events).toEqual([]);
    expect(caughtUp.nextForwardToken).toBe(tail.nextForwardToken);
    append(logStreamName, 'later');
    const fresh = await t.clients.logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName, nextToken: tail.nextForwardToken }));
    expect(fresh.events?.map((e) => e.message)).toEqual(['later']);
    const head = await t.clients.logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName, startFromHead: true, limit: 1 }));
    expect(head.events?.map((e) => e.message)).toEqual(['START RequestId: 1']);
  });

  it('creates, retains and deletes groups with AWS errors', async () => {
    await t.clients.logs.send(new CreateLogGroupCommand({ logGroupName: 'app' }));
    await expect(t.clients.logs.send(new CreateLogGroupCommand({ logGroupName: 'app' }))).rejects.toBeInstanceOf(ResourceAlreadyExistsException);
    await t.clients.logs.send(new PutRetentionPolicyCommand({ logGroupName: 'app', retentionInDays: 7 }));
    await expect(t.clients.logs.send(new PutRetentionPolicyCommand({ logGroupName: 'app', retentionInDays: 2 }))).rejects.toBeInstanceOf(
      InvalidParameterException,
    );
    const described = await t.clients.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'app' }));
    expect(described.logGroups?.[0].retentionInDays).toBe(7);
    await t.clients.logs.send(new DeleteLogGroupCommand({ logGroupName: 'app' }));
    await expect(t.clients.logs.send(new DeleteLogGroupCommand({ logGroupName: 'app' }))).rejects.toThrow('The specified log group does not exist.');
    await expect(t.clients.logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: 'nope' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
  });

  it('drops the oldest events of a group past its cap, so a flood cannot exhaust memory', async () => {
    const lines = Array.from({ length: MAX_EVENTS_PER_GROUP + 1 }, (_, i) => `line ${i}`);
    t.cloud.api('logs').append(t.region, 'capped', 'stream', lines, Date.now());
    const read = (startFromHead: boolean) =>
      t.clients.logs.send(new GetLogEventsCommand({ logGroupName: 'capped', logStreamName: 'stream', startFromHead, limit: 1 }));
    expect((await read(true)).events?.[0].message).not.toBe('line 0');
    expect((await read(false)).events?.[0].message).toBe(`line ${MAX_EVENTS_PER_GROUP}`);
  });

  it("takes a function's own log lines with CreateLogStream and PutLogEvents, as a Lambda's code may send them", async () => {
    const logGroupName = '/app/orders';
    await t.clients.logs.send(new CreateLogGroupCommand({ logGroupName }));
    await t.clients.logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName: 'worker-1' }));
    await expect(t.clients.logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName: 'worker-1' }))).rejects.toBeInstanceOf(
      ResourceAlreadyExistsException,
    );
    const now = Date.now();
    const put = await t.clients.logs.send(
      new PutLogEventsCommand({
        logGroupName,
        logStreamName: 'worker-1',
        logEvents: [
          { timestamp: now - 30 * 24 * 3600_000, message: 'a month old' },
          { timestamp: now - 1000, message: 'order 1 paid' },
          { timestamp: now, message: 'order 2 paid' },
          { timestamp: now + 3 * 3600_000, message: 'from the future' },
        ],
      }),
    );
    expect(put.nextSequenceToken).toBeTruthy();
    expect(put.rejectedLogEventsInfo).toEqual({ tooOldLogEventEndIndex: 1, tooNewLogEventStartIndex: 3 });
    const read = await t.clients.logs.send(new GetLogEventsCommand({ logGroupName, logStreamName: 'worker-1', startFromHead: true }));
    expect(read.events?.map((e) => e.message)).toEqual(['order 1 paid', 'order 2 paid']);

    const unordered = [
      { timestamp: now, message: 'b' },
      { timestamp: now - 1, message: 'a' },
    ];
    await expect(t.clients.logs.send(new PutLogEventsCommand({ logGroupName, logStreamName: 'worker-1', logEvents: unordered }))).rejects.toBeInstanceOf(
      InvalidParameterException,
    );
    await expect(
      t.clients.logs.send(new PutLogEventsCommand({ logGroupName, logStreamName: 'nope', logEvents: [{ timestamp: now, message: 'x' }] })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});
