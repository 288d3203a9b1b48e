import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { ProducerConfig } from '../config.js';
import type { ApiResponse } from '../http.js';
import { ROUTE_KEYS, type RouteName } from '../../domain/contract.js';
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

/** `GET /api/bookings/{requestId}` -> GET and /^\/api\/bookings\/([^/]+)$/: each `{param}` one path segment, captured. */
function parseRouteKey(key: string): { method: string; path: RegExp } {
  const [method, template] = key.split(' ');
  const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^/}]+\}/g, '([^/]+)');
  return { method, path: new RegExp(`^${pattern}$`) };
}

/** The producer's routes from the contract's route keys, one handler per key (the type makes a missing one an error). */
export const routesFor = (handlers: Record<RouteName, RouteHandler>): Route[] =>
  (Object.keys(ROUTE_KEYS) as RouteName[]).map((name) => ({ ...parseRouteKey(ROUTE_KEYS[name]), run: handlers[name] }));
