import type { ServerResponse } from 'node:http';
import { awsQuery } from '../../core/protocols/index.js';
import { queryAction, queryInputOf } from '../../core/protocols/queryInput.js';
import { byName, dispatch } from '../../core/operation.js';
import type { EdgeRequest } from '../../core/request.js';
import type { CallContext, CloudContext, ServicePlugin } from '../../core/types.js';
import { createIamApi } from './api.js';
import { IamStore, type Role } from './store.js';
import { isReadOnlyAction, Snapshot } from '../../core/persist.js';
import { attachRolePolicy } from './actions/attachRolePolicy.js';
import { createRole } from './actions/createRole.js';
import { deleteRole } from './actions/deleteRole.js';
import { deleteRolePolicy } from './actions/deleteRolePolicy.js';
import { detachRolePolicy } from './actions/detachRolePolicy.js';
import { getRole } from './actions/getRole.js';
import { getRolePolicy } from './actions/getRolePolicy.js';
import { listAttachedRolePolicies } from './actions/listAttachedRolePolicies.js';
import { listRolePolicies } from './actions/listRolePolicies.js';
import { listRoleTags } from './actions/listRoleTags.js';
import { listRoles } from './actions/listRoles.js';
import { putRolePolicy } from './actions/putRolePolicy.js';
import { tagRole } from './actions/tagRole.js';
import { untagRole } from './actions/untagRole.js';
import { updateAssumeRolePolicy } from './actions/updateAssumeRolePolicy.js';
import { updateRole } from './actions/updateRole.js';

const API_VERSION = '2010-05-08';
const protocol = awsQuery(`https://iam.amazonaws.com/doc/${API_VERSION}/`);

const OPERATIONS = byName([
  createRole,
  getRole,
  listRoles,
  updateRole,
  deleteRole,
  updateAssumeRolePolicy,
  putRolePolicy,
  getRolePolicy,
  deleteRolePolicy,
  listRolePolicies,
  attachRolePolicy,
  detachRolePolicy,
  listAttachedRolePolicies,
  tagRole,
  untagRole,
  listRoleTags,
]);
/** IAM refuses with AccessDenied, 403, and authorizes a call before it reads its members. */
const CHECKS = { denied: { code: 'AccessDenied', status: 403 } };

/** IAM (roles, inline and AWS managed policies, tags): global, one store whatever the region. */
export function createIam(cloud: CloudContext): ServicePlugin {
  const store = new IamStore();
  let snapshot: Snapshot<Role[]>;

  function handle(req: EdgeRequest, res: ServerResponse, ctx: CallContext) {
    const input = queryInputOf(req);
    const [action, operation] = queryAction(input, OPERATIONS, API_VERSION);
    const output = dispatch(operation, input, store, ctx, CHECKS);
    if (!isReadOnlyAction(action)) snapshot.save();
    protocol.reply(res, action, output, ctx.requestId);
  }

  return {
    signingNames: ['iam'],
    protocol,
    handle,
    start() {
      const opened = Snapshot.open(cloud.options, 'iam.json', 'IAM', () => store.saved());
      snapshot = opened.snapshot;
      store.restore(opened.saved ?? []);
      cloud.provide('iam', createIamApi(store, cloud));
    },
    stop: () => snapshot.close(),
  };
}
