import { bucketArn } from '../resources.js';
import { defineAction } from '../action.js';

/** HeadBucket: 200 with the bucket's region and ARN; 404 / 403 come with no body (HEAD). */
export const headBucket = defineAction({
  name: 'HeadBucket',
  action: 's3:ListBucket',
  run({ bucketName }, store) {
    const bucket = store.bucket(bucketName);
    return { headers: { 'x-amz-bucket-region': bucket.region, 'x-amz-access-point-alias': 'false', 'x-amz-bucket-arn': bucketArn(bucketName) } };
  },
});
