import { deleteConfigOperation } from '../bucketConfig.js';

export const deleteBucketOwnershipControls = deleteConfigOperation('ownershipControls', 's3:PutBucketOwnershipControls');
