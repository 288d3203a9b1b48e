import { putConfigOperation } from '../bucketConfig.js';
import { xmlBoolean } from '../xml.js';

/** PutPublicAccessBlock: a flag left out is off. */
export const putPublicAccessBlock = putConfigOperation(
  'PutPublicAccessBlock',
  'publicAccessBlock',
  's3:PutBucketPublicAccessBlock',
  'PublicAccessBlockConfiguration',
  (doc) => ({
    BlockPublicAcls: xmlBoolean(doc.BlockPublicAcls),
    IgnorePublicAcls: xmlBoolean(doc.IgnorePublicAcls),
    BlockPublicPolicy: xmlBoolean(doc.BlockPublicPolicy),
    RestrictPublicBuckets: xmlBoolean(doc.RestrictPublicBuckets),
  }),
);
