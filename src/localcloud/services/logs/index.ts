import type { ServerResponse } from 'node:http';
import { AwsError } from '../../core/errors.js';
import { awsJson } from '../../core/protocols/index.js';
import { header, jsonBody, type EdgeRequest } from '../../core/request.js';
import type { CallContext, CloudContext, LogsApi, ServicePlugin } from '../../core/types.js';
import { byName, dispatch } from '../../core/operation.js';
import type { LogsOperation, LogsRequest } from './action.js';
import { createLogGroup } from './actions/createLogGroup.js';
import { createLogStream } from './actions/createLogStream.js';
import { deleteLogGroup } from './actions/deleteLogGroup.js';
import { describeLogGroups } from './actions/describeLogGroups.js';
import { describeLogStreams } from './actions/describeLogStreams.js';
import { filterLogEvents } from './actions/filterLogEvents.js';
import { getLogEvents } from './actions/getLogEvents.js';
import { putLogEvents } from './actions/putLogEvents.js';
import { putRetentionPolicy } from './actions/putRetentionPolicy.js';
import { LogStore, type LogChange } from './store.js';
import { Journal } from '../../core/persist.js';

const TARGET_PREFIX = 'Logs_20140328.';
const protocol = awsJson('com.amazonaws.logs', 'application/x-amz-json-1.1');

const OPERATIONS = byName<LogsOperation>([
  createLogGroup,
  deleteLogGroup,
  putRetentionPolicy,
  createLogStream,
  putLogEvents,
  describeLogGroups,
  describeLogStreams,
  getLogEvents,
  filterLogEvents,
]);
/** CloudWatch Logs validates a call's members before it authorizes it. */
const CHECKS = { validateFirst: true };

/** CloudWatch Logs: the log groups Lambda's runtime writes, readable with the real SDK. */
export function createLogs(cloud: CloudContext): ServicePlugin {
  const store = new LogStore();
  let journal: Journal<LogChange>;
  const api: LogsApi = { append: (...args) => store.append(...args) };

  function handle(req: EdgeRequest, res: ServerResponse, ctx: CallContext) {
    const target = header(req, 'x-amz-target') ?? '';
    const name = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
    const operation = OPERATIONS.get(name);
    if (!operation) throw new AwsError('UnknownOperationException', `Operation ${name || '(none)'} is not supported by the embedded cloud.`, 400);
    protocol.reply(res, dispatch(operation, jsonBody<LogsRequest>(req), store, ctx, CHECKS), ctx.requestId);
  }

  return {
    signingNames: ['logs'],
    protocol,
    handle,
    start() {
      journal = new Journal<LogChange>(cloud.options, 'logs/journal.jsonl', 'CloudWatch Logs', () => store.changes());
      for (const change of journal.saved) store.apply(change);
      journal.compact();
      store.onChange = (change) => journal.append(change);
      cloud.provide('logs', api);
    },
    stop: () => journal.close(),
  };
}
