import { deleteConfigOperation } from '../bucketConfig.js';

export const deleteBucketPolicy = deleteConfigOperation('policy', 's3:DeleteBucketPolicy');
