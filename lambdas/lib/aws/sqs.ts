import { SQSClient } from '@aws-sdk/client-sqs';
import { clientDefaults, onePerRegion } from './one-per-region.js';

/**
 * Requests go to the region's endpoint, not to the host in the QueueUrl: our queues are always in the
 * client's region, and a local cloud's queue URL host (e.g. sqs.<region>.localhost) need not resolve.
 */
export const sqs = onePerRegion((region) => new SQSClient({ ...clientDefaults(), region, useQueueUrlAsEndpoint: false }));
