import { AwsError } from '../../../core/errors.js';
import type { S3Operation } from '../types.js';

/** DeleteBucket: only an empty bucket, and in a versioned one every version and delete marker counts. */
export const deleteBucket: S3Operation = {
  iamAction: 's3:DeleteBucket',
  handler({ bucketName }, store) {
    const bucket = store.bucket(bucketName);
    if (!bucket.isEmpty) {
      const message = bucket.versioning
        ? 'The bucket you tried to delete is not empty. You must delete all versions in the bucket.'
        : 'The bucket you tried to delete is not empty';
      throw new AwsError('BucketNotEmpty', message, 409, true, { BucketName: bucketName });
    }
    store.remove(bucketName);
    return { status: 204 };
  },
};
