import { deleteConfigOperation } from '../bucketConfig.js';

export const deleteBucketOwnershipControls = deleteConfigOperation('DeleteBucketOwnershipControls', 'ownershipControls', 's3:PutBucketOwnershipControls');
