import { getConfigOperation } from '../bucketConfig.js';
import { xmlOutput } from '../xml.js';

export const getBucketOwnershipControls = getConfigOperation('GetBucketOwnershipControls', 'ownershipControls', 's3:GetBucketOwnershipControls', (ownership) =>
  xmlOutput('OwnershipControls', { Rule: { ObjectOwnership: ownership } }),
);
