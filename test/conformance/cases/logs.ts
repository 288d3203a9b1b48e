import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import type { Clients } from '../../../src/aws/clients.js';
import type { Case, CaseContext } from '../types.js';
import { error, fromReference, recorded } from './common.js';

const invalidParameter = error('InvalidParameterException', 400);
const notFound = error('ResourceNotFoundException', 400);

/** A log group of this case's own, and its name. */
async function logGroup(c: Clients, ctx: CaseContext, suffix = 'g') {
  const logGroupName = `/conformance/${ctx.name(suffix)}`;
  await c.logs.send(new CreateLogGroupCommand({ logGroupName }));
  return logGroupName;
}

/** A log group and stream of this case's own. */
async function logStream(c: Clients, ctx: CaseContext) {
  const logGroupName = await logGroup(c, ctx);
  await c.logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName: 's' }));
  return { logGroupName, logStreamName: 's' };
}

export const LOGS_CASES: Case[] = [
  ...recorded('logs', 'logs/test_logs_streams', 'TestLogsStreams::test_create_log_stream_duplicate_error', [
    {
      id: 'logs.create-log-stream.exists',
      run: async (c, ctx) => c.logs.send(new CreateLogStreamCommand(await logStream(c, ctx))),
      expect: error('ResourceAlreadyExistsException', 400, { message: 'The specified log stream already exists' }),
    },
  ]),
  ...recorded('logs', 'logs/test_logs_events', 'TestLogsEvents::test_put_log_events_to_invalid_stream', [
    {
      id: 'logs.put-log-events.missing-stream',
      run: async (c, ctx) =>
        c.logs.send(
          new PutLogEventsCommand({ logGroupName: await logGroup(c, ctx), logStreamName: 'nope', logEvents: [{ timestamp: Date.now(), message: 'x' }] }),
        ),
      expect: error('ResourceNotFoundException', 400, { message: 'The specified log stream does not exist.' }),
    },
  ]),
  ...recorded('logs', 'logs/test_logs_events', 'TestLogsEvents::test_put_log_events_too_old', [
    {
      id: 'logs.put-log-events.too-old',
      run: async (c, ctx) =>
        c.logs.send(new PutLogEventsCommand({ ...(await logStream(c, ctx)), logEvents: [{ timestamp: Date.now() - 30 * 24 * 3600_000, message: 'old' }] })),
      expect: { keys: ['nextSequenceToken', 'rejectedLogEventsInfo'], nested: { rejectedLogEventsInfo: ['tooOldLogEventEndIndex'] } },
    },
  ]),
  ...recorded('logs', 'logs/test_logs_groups', 'TestLogsGroups::test_create_log_group_duplicate_error', [
    {
      id: 'logs.create-log-group.exists',
      run: async (c, ctx) => c.logs.send(new CreateLogGroupCommand({ logGroupName: await logGroup(c, ctx) })),
      expect: error('ResourceAlreadyExistsException', 400),
    },
  ]),
  ...recorded('logs', 'logs/test_logs_groups', 'TestLogsGroups::test_create_log_group_invalid_name_length', [
    {
      id: 'logs.create-log-group.name-too-long',
      run: (c) => c.logs.send(new CreateLogGroupCommand({ logGroupName: 'a'.repeat(513) })),
      expect: invalidParameter,
    },
  ]),
  ...recorded('logs', 'logs/test_logs_groups', 'TestLogsGroups::test_describe_log_groups_with_prefix', [
    {
      id: 'logs.describe-log-groups.prefix',
      run: async (c, ctx) => {
        const name = await logGroup(c, ctx);
        return (await c.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }))).logGroups?.[0];
      },
      expect: {
        keys: ['arn', 'creationTime', 'deletionProtectionEnabled', 'logGroupArn', 'logGroupClass', 'logGroupName', 'metricFilterCount', 'storedBytes'],
        values: { logGroupClass: 'STANDARD', storedBytes: 0 },
      },
    },
  ]),
  ...recorded('logs', 'logs/test_logs_groups', 'TestLogsGroups::test_describe_log_groups_prefix_and_pattern_error', [
    {
      id: 'logs.describe-log-groups.prefix-and-pattern',
      run: (c) => c.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'a', logGroupNamePattern: 'b' })),
      expect: invalidParameter,
    },
  ]),
  ...recorded('logs', 'logs/test_logs_events', 'TestLogsEventsErrors::test_resource_does_not_exist', [
    {
      id: 'logs.get-log-events.missing-group',
      run: (c, ctx) => c.logs.send(new GetLogEventsCommand({ logGroupName: ctx.name('nope'), logStreamName: 's' })),
      expect: notFound,
    },
    {
      id: 'logs.get-log-events.missing-stream',
      run: async (c, ctx) => c.logs.send(new GetLogEventsCommand({ logGroupName: await logGroup(c, ctx), logStreamName: 'nope' })),
      expect: notFound,
    },
  ]),
  ...recorded('logs', 'logs/test_logs_events', 'TestLogsEvents::test_get_log_events_limit_validation', [
    {
      id: 'logs.get-log-events.limit-10001',
      run: async (c, ctx) => c.logs.send(new GetLogEventsCommand({ logGroupName: await logGroup(c, ctx), logStreamName: 's', limit: 10_001 })),
      expect: invalidParameter,
    },
  ]),
  ...recorded('logs', 'logs/test_logs_filter_events', 'TestFilterLogEvents::test_filter_log_events_limit_validation', [
    {
      id: 'logs.filter-log-events.limit-10001',
      run: async (c, ctx) => c.logs.send(new FilterLogEventsCommand({ logGroupName: await logGroup(c, ctx), limit: 10_001 })),
      expect: invalidParameter,
    },
  ]),
  ...fromReference('logs', 'https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/', [
    {
      id: 'logs.describe-log-streams.missing-group',
      run: (c, ctx) => c.logs.send(new DescribeLogStreamsCommand({ logGroupName: ctx.name('nope') })),
      expect: notFound,
    },
    { id: 'logs.delete-log-group.missing', run: (c, ctx) => c.logs.send(new DeleteLogGroupCommand({ logGroupName: ctx.name('nope') })), expect: notFound },
    {
      id: 'logs.put-retention-policy.invalid-days',
      run: async (c, ctx) => c.logs.send(new PutRetentionPolicyCommand({ logGroupName: await logGroup(c, ctx), retentionInDays: 2 })),
      expect: invalidParameter,
    },
    {
      id: 'logs.describe-log-streams.none',
      run: async (c, ctx) => c.logs.send(new DescribeLogStreamsCommand({ logGroupName: await logGroup(c, ctx) })),
      expect: { keys: ['logStreams'], values: { logStreams: [] } },
    },
  ]),
];
