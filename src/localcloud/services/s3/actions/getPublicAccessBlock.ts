import { getConfigOperation } from '../bucketConfig.js';
import { xmlOutput } from '../xml.js';

export const getPublicAccessBlock = getConfigOperation('GetPublicAccessBlock', 'publicAccessBlock', 's3:GetBucketPublicAccessBlock', (block) =>
  xmlOutput('PublicAccessBlockConfiguration', { ...block }),
);
