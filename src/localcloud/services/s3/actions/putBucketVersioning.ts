import { malformedXml } from '../errors.js';
import type { S3Operation } from '../types.js';
import { xmlInput } from '../xml.js';

/** PutBucketVersioning: Enabled or Suspended; a bucket once versioned never returns to unversioned. */
export const putBucketVersioning: S3Operation = {
  iamAction: 's3:PutBucketVersioning',
  handler({ req, bucketName }, store) {
    const bucket = store.bucket(bucketName);
    const { Status } = xmlInput(req, 'VersioningConfiguration');
    if (Status !== 'Enabled' && Status !== 'Suspended') throw malformedXml();
    bucket.versioning = Status;
    return {};
  },
};
