import type { Case } from '../types.js';
import { APIGATEWAYV2_CASES } from './apigatewayv2.js';
import { DYNAMODB_CASES } from './dynamodb.js';
import { IAM_CASES } from './iam.js';
import { LAMBDA_CASES } from './lambda.js';
import { LOGS_CASES } from './logs.js';
import { S3_CASES } from './s3.js';
import { SQS_CASES } from './sqs.js';
import { STS_CASES } from './sts.js';

/** Every conformance case, in the order they are printed. */
export const ALL_CASES: readonly Case[] = [
  ...SQS_CASES,
  ...DYNAMODB_CASES,
  ...S3_CASES,
  ...LAMBDA_CASES,
  ...IAM_CASES,
  ...STS_CASES,
  ...LOGS_CASES,
  ...APIGATEWAYV2_CASES,
];
