import { deleteConfigOperation } from '../bucketConfig.js';

export const deletePublicAccessBlock = deleteConfigOperation('DeletePublicAccessBlock', 'publicAccessBlock', 's3:PutBucketPublicAccessBlock');
