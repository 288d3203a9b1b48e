import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { dynamodb } from './lib/aws/dynamodb.js';
import { sqs } from './lib/aws/sqs.js';
import { CatalogMissingError } from './lib/catalog.js';
import { producerConfig } from './lib/config.js';
import { errorResponse, routePath, type ApiResponse } from './lib/http.js';
import { createLogger } from './lib/logger.js';
import { bookBus } from './lib/routes/book-bus.js';
import { getBookingRoute } from './lib/routes/get-booking.js';
import { getStats } from './lib/routes/get-stats.js';
import { listTrips } from './lib/routes/list-trips.js';
import { routesFor, type Route } from './lib/routes/route.js';

/** A handler for each route key the HTTP API sends here (domain/contract.ts): a route added there needs one here. */
const ROUTES: readonly Route[] = routesFor({ bookBus, booking: getBookingRoute, trips: listTrips, stats: getStats });

/** Lambda's longest timeout: how long an invocation may last when no context says (direct calls in tests). */
const MAX_INVOCATION_MS = 900_000;

/** aram-producer: the HTTP API's Lambda (payload format 2.0). Every answer is JSON. */
export async function handler(event: APIGatewayProxyEventV2, context?: Context): Promise<ApiResponse> {
  const config = producerConfig();
  const log = createLogger({ fn: 'producer', requestId: context?.awsRequestId ?? event.requestContext?.requestId });
  const method = event.requestContext?.http?.method ?? 'GET';
  const path = routePath(event);
  const endsAt = Date.now() + (typeof context?.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : MAX_INVOCATION_MS);
  for (const route of ROUTES) {
    const match = method === route.method ? route.path.exec(path) : null;
    if (!match) continue;
    try {
      return await route.run(event, match.slice(1), { db: dynamodb(config.region), sqs: sqs(config.region), config, log, endsAt });
    } catch (err) {
      if (err instanceof CatalogMissingError) return errorResponse(503, err.message);
      log.error('request failed', { method, path, error: err });
      return errorResponse(500, 'internal error');
    }
  }
  return errorResponse(404, `no route for ${method} ${path}`);
}
