import { getConfigOperation } from '../bucketConfig.js';
import { xmlOutput } from '../xml.js';

export const getBucketOwnershipControls = getConfigOperation('ownershipControls', 's3:GetBucketOwnershipControls', (ownership) =>
  xmlOutput('OwnershipControls', { Rule: { ObjectOwnership: ownership } }),
);
