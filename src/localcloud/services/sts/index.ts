import type { ServerResponse } from 'node:http';
import { AwsError } from '../../core/errors.js';
import { awsQuery } from '../../core/protocols/index.js';
import { queryAction, queryInputOf } from '../../core/protocols/queryInput.js';
import type { EdgeRequest } from '../../core/request.js';
import type { CallContext, CloudContext, ServicePlugin } from '../../core/types.js';
import { byName, dispatch } from '../../core/operation.js';
import { assumeRole } from './actions/assumeRole.js';
import { getCallerIdentity } from './actions/getCallerIdentity.js';

const API_VERSION = '2011-06-15';
/**
 * Test hook, explicit on purpose: an access key id starting with this stands for session credentials
 * that have expired, and STS answers as AWS does (ExpiredToken, 403), so `up`'s message can be tested.
 */
export const EXPIRED_ACCESS_KEY_PREFIX = 'EXPIRED';
const protocol = awsQuery(`https://sts.amazonaws.com/doc/${API_VERSION}/`);

const OPERATIONS = byName([getCallerIdentity, assumeRole]);

/** Were an STS operation checked (both are `unchecked` today), STS refuses as IAM does: AccessDenied, 403. */
const CHECKS = { denied: { code: 'AccessDenied', status: 403 } };

/** STS: who is calling, and role sessions on top of IAM's roles and trust policies. */
export function createSts(cloud: CloudContext): ServicePlugin {
  function handle(req: EdgeRequest, res: ServerResponse, ctx: CallContext) {
    if (ctx.principal.accessKeyId?.startsWith(EXPIRED_ACCESS_KEY_PREFIX)) {
      throw new AwsError('ExpiredToken', 'The security token included in the request is expired', 403);
    }
    const input = queryInputOf(req);
    const [action, operation] = queryAction(input, OPERATIONS, API_VERSION);
    protocol.reply(res, action, dispatch(operation, input, cloud.api('iam'), ctx, CHECKS), ctx.requestId);
  }
  return { signingNames: ['sts'], protocol, handle };
}
