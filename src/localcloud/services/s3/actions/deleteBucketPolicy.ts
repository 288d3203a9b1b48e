import { deleteConfigOperation } from '../bucketConfig.js';

export const deleteBucketPolicy = deleteConfigOperation('DeleteBucketPolicy', 'policy', 's3:DeleteBucketPolicy');
