import { deleteConfigOperation } from '../bucketConfig.js';

export const deleteBucketCors = deleteConfigOperation('DeleteBucketCors', 'cors', 's3:PutBucketCORS');
