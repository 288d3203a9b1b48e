import { existsSync, readdirSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { AwsError } from '../../core/errors.js';
import { awsJson } from '../../core/protocols/index.js';
import { header, jsonBody, type EdgeRequest } from '../../core/request.js';
import type { CallContext, CloudContext, ServicePlugin } from '../../core/types.js';
import { byName, dispatch } from '../../core/operation.js';
import type { DynamoOperation } from './action.js';
import { batchGetItem } from './actions/batchGetItem.js';
import { batchWriteItem } from './actions/batchWriteItem.js';
import { createTable } from './actions/createTable.js';
import { deleteItem } from './actions/deleteItem.js';
import { deleteTable } from './actions/deleteTable.js';
import { describeTable } from './actions/describeTable.js';
import { describeTimeToLive } from './actions/describeTimeToLive.js';
import { getItem } from './actions/getItem.js';
import { listTables } from './actions/listTables.js';
import { listTagsOfResource } from './actions/listTagsOfResource.js';
import { putItem } from './actions/putItem.js';
import { query } from './actions/query.js';
import { scan } from './actions/scan.js';
import { tagResource } from './actions/tagResource.js';
import { transactGetItems } from './actions/transactGetItems.js';
import { transactWriteItems } from './actions/transactWriteItems.js';
import { untagResource } from './actions/untagResource.js';
import { updateItem } from './actions/updateItem.js';
import { updateTable } from './actions/updateTable.js';
import { call, type Input } from './dynalite.js';
import { PerRegion } from '../../core/regions.js';
import { createDynamoStore, dynamoDir } from './store.js';
import { withTableNames } from './tableNames.js';

const protocol = awsJson('com.amazonaws.dynamodb.v20120810');
const TARGET_PREFIX = 'DynamoDB_20120810.';

/** Every DynamoDB operation the embedded cloud answers, by its X-Amz-Target name. */
const OPERATIONS = byName<DynamoOperation>([
  batchGetItem,
  batchWriteItem,
  createTable,
  deleteItem,
  deleteTable,
  describeTable,
  describeTimeToLive,
  getItem,
  listTables,
  listTagsOfResource,
  putItem,
  query,
  scan,
  tagResource,
  transactGetItems,
  transactWriteItems,
  untagResource,
  updateItem,
  updateTable,
]);

/** AWS describes every table with DeletionProtectionEnabled (false unless set); dynalite has no such setting. */
function withDeletionProtection(output: unknown) {
  const out = output as { TableDescription?: Record<string, unknown>; Table?: Record<string, unknown> };
  const table = out?.TableDescription ?? out?.Table;
  if (table) table.DeletionProtectionEnabled ??= false;
  return output;
}

/**
 * DynamoDB: dynalite's store (one per region), validations and operations run in-process behind the edge, plus what
 * dynalite lacks: TransactWriteItems / TransactGetItems, per-table IAM checks, and (opt-in) AWS's
 * per-partition write ceiling.
 */
export function createDynamoDb(cloud: CloudContext): ServicePlugin {
  const stores = new PerRegion((region) => createDynamoStore(cloud.options, region));

  async function handle(req: EdgeRequest, res: ServerResponse, ctx: CallContext) {
    const target = header(req, 'x-amz-target') ?? '';
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
    const op = OPERATIONS.get(operation);
    if (!op) throw new AwsError('UnknownOperationException', `The operation ${operation || '(none)'} is not supported.`);
    const input = jsonBody<unknown>(req);
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new AwsError('SerializationException', 'Start of structure or map found where not expected');
    }
    const request = withTableNames(input as Input);
    protocol.reply(res, withDeletionProtection(await dispatch(op, request, stores, ctx)), ctx.requestId);
  }

  return {
    signingNames: ['dynamodb'],
    protocol,
    handle,
    /** The regions a durable cloud has tables in open now, so that unreadable state stops the start. */
    async start() {
      const dir = dynamoDir(cloud.options.stateDir);
      if (cloud.options.ephemeral || !existsSync(dir)) return;
      await Promise.all(readdirSync(dir).map((region) => stores.of(region).ready));
    },
    stop: async () => {
      await Promise.all(stores.all().map((store) => call<void>((cb) => store.dynalite.db.close(cb))));
    },
  };
}
