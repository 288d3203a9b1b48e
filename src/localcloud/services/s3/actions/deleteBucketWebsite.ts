import { deleteConfigOperation } from '../bucketConfig.js';

export const deleteBucketWebsite = deleteConfigOperation('DeleteBucketWebsite', 'website', 's3:DeleteBucketWebsite');
