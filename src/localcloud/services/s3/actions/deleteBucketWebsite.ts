import { deleteConfigOperation } from '../bucketConfig.js';

export const deleteBucketWebsite = deleteConfigOperation('website', 's3:DeleteBucketWebsite');
