import { checkObjectAcl } from '../acl.js';
import { aclNotSupported } from '../errors.js';
import type { S3Operation } from '../types.js';

/**
 * PutBucketAcl: refused outright when ACLs are disabled (BucketOwnerEnforced); otherwise accepted
 * under the same public-ACL rules as objects. Grants themselves are not modelled: policies decide access.
 */
export const putBucketAcl: S3Operation = {
  iamAction: 's3:PutBucketAcl',
  handler({ req, bucketName }, store) {
    const bucket = store.bucket(bucketName);
    if (bucket.config.ownershipControls === 'BucketOwnerEnforced') throw aclNotSupported();
    checkObjectAcl(bucket, req);
    return {};
  },
};
