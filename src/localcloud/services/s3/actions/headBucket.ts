import { bucketArn } from '../resources.js';
import type { S3Operation } from '../types.js';

/** HeadBucket: 200 with the bucket's region and ARN; 404 / 403 come with no body (HEAD). */
export const headBucket: S3Operation = {
  iamAction: 's3:ListBucket',
  handler({ bucketName }, store) {
    const bucket = store.bucket(bucketName);
    return { headers: { 'x-amz-bucket-region': bucket.region, 'x-amz-access-point-alias': 'false', 'x-amz-bucket-arn': bucketArn(bucketName) } };
  },
};
