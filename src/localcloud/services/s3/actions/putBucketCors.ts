import { putConfigOperation } from '../bucketConfig.js';
import { parseCorsRules } from '../cors.js';

export const putBucketCors = putConfigOperation('PutBucketCors', 'cors', 's3:PutBucketCORS', 'CORSConfiguration', parseCorsRules);
