import type { ServerResponse } from 'node:http';
import { awsQuery } from '../../core/protocols/index.js';
import { queryAction, queryInputOf } from '../../core/protocols/query-input.js';
import type { EdgeRequest } from '../../core/request.js';
import type { CallContext, CloudContext, ServicePlugin } from '../../core/types.js';
import type { StsAction } from './action.js';
import { assumeRole } from './actions/assume-role.js';
import { getCallerIdentity } from './actions/get-caller-identity.js';

const API_VERSION = '2011-06-15';
const protocol = awsQuery(`https://sts.amazonaws.com/doc/${API_VERSION}/`);

const ACTIONS = new Map<string, StsAction>([
  ['GetCallerIdentity', getCallerIdentity],
  ['AssumeRole', assumeRole],
]);

/** STS: who is calling, and role sessions on top of IAM's roles and trust policies. */
export function createSts(cloud: CloudContext): ServicePlugin {
  function handle(req: EdgeRequest, res: ServerResponse, ctx: CallContext) {
    const input = queryInputOf(req);
    const [action, handler] = queryAction(input, ACTIONS, API_VERSION);
    protocol.reply(res, action, handler(input, cloud.api('iam'), ctx), ctx.requestId);
  }
  return { signingNames: ['sts'], protocol, handle };
}
