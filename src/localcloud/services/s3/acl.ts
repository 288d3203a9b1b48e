import { header, type EdgeRequest } from '../../core/request.js';
import { accessDenied, aclNotSupported } from './errors.js';
import type { Bucket } from './store.js';

/** Canned ACLs that grant access outside the account. */
export const PUBLIC_ACLS = new Set(['public-read', 'public-read-write', 'authenticated-read']);
const GRANT_HEADERS = ['x-amz-grant-read', 'x-amz-grant-write', 'x-amz-grant-read-acp', 'x-amz-grant-write-acp', 'x-amz-grant-full-control'];
/** The only ACL a bucket that enforces ownership accepts on its objects. */
const OWNER_FULL_CONTROL = 'bucket-owner-full-control';

/**
 * ACLs sent with an object write: refused when the bucket enforces ownership (ACLs disabled), public ones
 * refused by BlockPublicAcls. Grants are not modelled beyond that: access is decided by policies.
 */
export function checkObjectAcl(bucket: Bucket, req: EdgeRequest): void {
  const acl = header(req, 'x-amz-acl');
  const grants = GRANT_HEADERS.some((h) => header(req, h) !== undefined);
  if (bucket.config.ownershipControls === 'BucketOwnerEnforced' && (grants || (acl !== undefined && acl !== OWNER_FULL_CONTROL))) throw aclNotSupported();
  if (acl && PUBLIC_ACLS.has(acl) && bucket.config.publicAccessBlock?.BlockPublicAcls) throw accessDenied();
}
