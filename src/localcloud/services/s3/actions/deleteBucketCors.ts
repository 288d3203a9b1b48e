import { deleteConfigOperation } from '../bucketConfig.js';

export const deleteBucketCors = deleteConfigOperation('cors', 's3:PutBucketCORS');
