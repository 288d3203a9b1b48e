import { GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import type { StackContext } from '../stack/context.js';
import { readStats, type StatsSnapshot } from '../../lambdas/lib/stats.js';
import { loadCatalog } from '../../lambdas/lib/catalog.js';
import { readTrips, type TripView } from '../../lambdas/lib/trips-view.js';
import { createLogger } from '../../lambdas/lib/logger.js';
import { isNotFound, unlessNotFound } from '../stack/retry.js';
import { UserError } from '../errors.js';
import { cliCommand } from '../hints.js';

export interface StackStats extends StatsSnapshot {
  trips: TripView[];
  /** When these figures were read (epoch ms), for rates between two reads. */
  readAt: number;
}

async function queueUrl(ctx: StackContext, QueueName: string): Promise<string | undefined> {
  return unlessNotFound(async () => (await ctx.clients.sqs.send(new GetQueueUrlCommand({ QueueName }))).QueueUrl);
}

/** Reads the figures straight from DynamoDB and SQS, with the same code the producer's GET /api/stats runs. */
export async function readStackStats(ctx: StackContext, urls?: { queueUrl?: string; dlqUrl?: string }): Promise<StackStats> {
  const { clients, names } = ctx;
  const resolved = urls ?? { queueUrl: await queueUrl(ctx, names.queue), dlqUrl: await queueUrl(ctx, names.dlq) };
  const quiet = createLogger({}, 'error');
  try {
    const [stats, catalog] = await Promise.all([
      readStats(clients.dynamodb, clients.sqs, names.table, resolved, quiet),
      loadCatalog(clients.dynamodb, names.table),
    ]);
    const trips = await readTrips(clients.dynamodb, names.table, catalog);
    return { ...stats, trips, readAt: Date.now() };
  } catch (err) {
    if (isNotFound(err) || (err as Error).name === 'CatalogMissingError') {
      throw new UserError(`stack ${names.stack} is not deployed on this target (no table ${names.table})`, `run \`${cliCommand('up', ctx.userFlags)}\` first`);
    }
    throw err;
  }
}
