import { deleteConfigOperation } from '../bucketConfig.js';

export const deleteBucketTagging = deleteConfigOperation('DeleteBucketTagging', 'tagging', 's3:PutBucketTagging');
