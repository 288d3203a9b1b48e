import { checkObjectAcl } from '../acl.js';
import { aclNotSupported } from '../errors.js';
import { defineAction } from '../action.js';

/**
 * PutBucketAcl: refused outright when ACLs are disabled (BucketOwnerEnforced); otherwise accepted
 * under the same public-ACL rules as objects. Grants themselves are not modelled: policies decide access.
 */
export const putBucketAcl = defineAction({
  name: 'PutBucketAcl',
  action: 's3:PutBucketAcl',
  run({ req, bucketName }, store) {
    const bucket = store.bucket(bucketName);
    if (bucket.config.ownershipControls === 'BucketOwnerEnforced') throw aclNotSupported();
    checkObjectAcl(bucket, req);
    return {};
  },
});
