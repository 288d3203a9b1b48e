import { deleteConfigOperation } from '../bucketConfig.js';

export const deletePublicAccessBlock = deleteConfigOperation('publicAccessBlock', 's3:PutBucketPublicAccessBlock');
