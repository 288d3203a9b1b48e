import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { awsJson } from '../../core/protocols/index.js';
import { header, replay, type EdgeRequest } from '../../core/request.js';
import type { CallContext, CloudContext, ServicePlugin } from '../../core/types.js';
import { arn } from '../../core/arn.js';

const require = createRequire(import.meta.url);
const dynalite = require('dynalite') as (opts: Record<string, unknown>) => import('node:http').Server;

const protocol = awsJson('com.amazonaws.dynamodb.v20120810');

/** DynamoDB: dynalite in-process (in-memory LevelDB), behind the edge with IAM checks. */
export function createDynamoDb(cloud: CloudContext): ServicePlugin {
  const t = cloud.options.timings;
  const server = dynalite({
    createTableMs: t.tableTransitionMs,
    deleteTableMs: t.tableTransitionMs,
    updateTableMs: t.tableTransitionMs,
  });

  function handle(req: EdgeRequest, res: ServerResponse, ctx: CallContext) {
    const action = (header(req, 'x-amz-target') ?? '').split('.')[1] ?? '';
    if (ctx.principal.kind !== 'root') {
      const table = tableNameOf(req);
      cloud.authorize(ctx, `dynamodb:${action}`, arn('dynamodb', ctx.region, `table/${table ?? '*'}`));
    }
    server.emit('request', replay(req), res);
  }

  return { signingNames: ['dynamodb'], protocol, handle };
}

function tableNameOf(req: EdgeRequest): string | undefined {
  try {
    const body = JSON.parse(req.body.toString('utf8')) as { TableName?: string };
    return body.TableName;
  } catch {
    return undefined;
  }
}
