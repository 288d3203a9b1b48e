import { getConfigOperation } from '../bucketConfig.js';
import { xmlOutput } from '../xml.js';

/** Whether the bucket policy is public in AWS's sense (a grant to everyone with no restricting condition). */
export const getBucketPolicyStatus = getConfigOperation('GetBucketPolicyStatus', 'policy', 's3:GetBucketPolicyStatus', (policy) =>
  xmlOutput('PolicyStatus', { IsPublic: policy.isPublic }),
);
