import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { ProducerConfig } from '../config.js';
import type { ApiResponse } from '../http.js';
import type { Logger } from '../logger.js';

export interface RouteDeps {
  db: DynamoDBClient;
  sqs: SQSClient;
  config: ProducerConfig;
  log: Logger;
  /** Epoch ms by which this invocation ends at the latest (its timeout). */
  endsAt: number;
}

/** A route's handler; `params` are the path pattern's captures in order. */
export type RouteHandler = (event: APIGatewayProxyEventV2, params: string[], deps: RouteDeps) => Promise<ApiResponse>;

export interface Route {
  method: string;
  path: RegExp;
  run: RouteHandler;
}
