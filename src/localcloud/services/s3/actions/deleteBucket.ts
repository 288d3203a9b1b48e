import { AwsError } from '../../../core/errors.js';
import { defineAction } from '../action.js';

/** DeleteBucket: only an empty bucket, and in a versioned one every version and delete marker counts. */
export const deleteBucket = defineAction({
  name: 'DeleteBucket',
  action: 's3:DeleteBucket',
  run({ bucketName }, store) {
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
});
