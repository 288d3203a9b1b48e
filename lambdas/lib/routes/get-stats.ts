import { jsonResponse } from '../http.js';
import { resolveQueueUrl } from '../queue.js';
import { readStats } from '../stats.js';
import type { RouteHandler } from './route.js';

/** GET /api/stats: the seed's requests/processed/success and the rest, read from DynamoDB and SQS now. */
export const getStats: RouteHandler = async (_event, _params, { db, sqs, config, log }) => {
  const queueUrl = await resolveQueueUrl(sqs, config.queueName, config.queueUrl).catch((err: unknown) => {
    log.warn('queue URL unavailable', { error: err });
    return undefined;
  });
  const stats = await readStats(db, sqs, config.table, { queueUrl, dlqUrl: config.dlqUrl }, log);
  return jsonResponse(200, stats);
};
