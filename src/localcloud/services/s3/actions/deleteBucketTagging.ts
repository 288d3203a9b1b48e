import { deleteConfigOperation } from '../bucketConfig.js';

export const deleteBucketTagging = deleteConfigOperation('tagging', 's3:PutBucketTagging');
