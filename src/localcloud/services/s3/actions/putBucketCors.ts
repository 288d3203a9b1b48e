import { putConfigOperation } from '../bucketConfig.js';
import { parseCorsRules } from '../cors.js';

export const putBucketCors = putConfigOperation('cors', 's3:PutBucketCORS', 'CORSConfiguration', parseCorsRules);
