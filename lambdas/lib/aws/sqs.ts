import { SQSClient } from '@aws-sdk/client-sqs';
import { onePerRegion } from './one-per-region.js';

export const sqs = onePerRegion((region) => new SQSClient({ region }));
