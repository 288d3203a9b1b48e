import { asArray } from '../../../core/xml.js';
import { putConfigOperation } from '../bucketConfig.js';
import { malformedXml } from '../errors.js';
import { isObjectOwnership } from '../store.js';

/** PutBucketOwnershipControls: exactly one rule; BucketOwnerEnforced disables ACLs. */
export const putBucketOwnershipControls = putConfigOperation(
  'PutBucketOwnershipControls',
  'ownershipControls',
  's3:PutBucketOwnershipControls',
  'OwnershipControls',
  (doc) => {
    const rules = asArray(doc.Rule as Record<string, unknown> | Record<string, unknown>[] | undefined);
    const ownership = rules[0]?.ObjectOwnership;
    if (rules.length !== 1 || !isObjectOwnership(ownership)) throw malformedXml();
    return ownership;
  },
);
