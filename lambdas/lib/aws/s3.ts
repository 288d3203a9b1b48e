import { S3Client } from '@aws-sdk/client-s3';
import { clientDefaults, onePerRegion } from './one-per-region.js';

/** A local endpoint has no DNS for <bucket>.<host>, so address buckets by path there. */
const customEndpoint = () => Boolean(process.env.AWS_ENDPOINT_URL_S3 || process.env.AWS_ENDPOINT_URL);

export const s3 = onePerRegion((region) => new S3Client({ ...clientDefaults(), region, forcePathStyle: customEndpoint() }));
