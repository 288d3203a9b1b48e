import type { S3Operation } from '../types.js';
import { xmlOutput } from '../xml.js';

/** An empty `<VersioningConfiguration/>` for a bucket that was never versioned. */
export const getBucketVersioning: S3Operation = {
  iamAction: 's3:GetBucketVersioning',
  handler({ bucketName }, store) {
    return xmlOutput('VersioningConfiguration', { Status: store.bucket(bucketName).versioning });
  },
};
