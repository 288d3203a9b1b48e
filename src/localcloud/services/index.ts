import type { CloudContext, ServicePlugin } from '../core/types.js';
import { createDynamoDb } from './dynamodb/index.js';
import { createSqs } from './sqs/index.js';
import { createS3 } from './s3/index.js';
import { createLogs } from './logs/index.js';
import { createLambda } from './lambda/index.js';
import { createIam } from './iam/index.js';
import { createSts } from './sts/index.js';
import { createApiGatewayV2 } from './apigatewayv2/index.js';

/** One line per service of the embedded cloud. */
const SERVICES: ((cloud: CloudContext) => ServicePlugin)[] = [
  createDynamoDb,
  createSqs,
  createLogs,
  createLambda,
  createIam,
  createSts,
  createApiGatewayV2,
  createS3,
];

export function createServices(cloud: CloudContext): ServicePlugin[] {
  return SERVICES.map((create) => create(cloud));
}
