import { existsSync, readdirSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { AwsError } from '../../core/errors.js';
import { awsJson } from '../../core/protocols/index.js';
import { header, jsonBody, type EdgeRequest } from '../../core/request.js';
import type { CallContext, CloudContext, ServicePlugin } from '../../core/types.js';
import { HANDLERS } from './actions/index.js';
import { permissionsFor } from './authorize.js';
import { call, type Input } from './dynalite.js';
import { PerRegion } from '../../core/regions.js';
import { createDynamoStore, dynamoDir } from './store.js';
import { withTableNames } from './tableNames.js';

const protocol = awsJson('com.amazonaws.dynamodb.v20120810');
const TARGET_PREFIX = 'DynamoDB_20120810.';

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
    const handler = HANDLERS.get(operation);
    if (!handler) throw new AwsError('UnknownOperationException', `The operation ${operation || '(none)'} is not supported.`);
    const input = jsonBody<unknown>(req);
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new AwsError('SerializationException', 'Start of structure or map found where not expected');
    }
    const request = withTableNames(input as Input);
    if (ctx.principal.kind !== 'root') {
      for (const { action, resource } of permissionsFor(operation, request, ctx.region)) cloud.authorize(ctx, action, resource);
    }
    const store = stores.of(ctx.region);
    await store.ready;
    protocol.reply(res, withDeletionProtection(await handler(request, store, ctx)), ctx.requestId);
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
