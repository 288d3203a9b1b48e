import { getConfigOperation } from '../bucketConfig.js';

/** The policy document exactly as it was put. */
export const getBucketPolicy = getConfigOperation('GetBucketPolicy', 'policy', 's3:GetBucketPolicy', (policy) => ({
  headers: { 'content-type': 'application/json' },
  body: policy.text,
}));
