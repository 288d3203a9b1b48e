import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S } from '../domain/attributes.js';
import { CATALOG_ID } from '../domain/keys.js';

/** How long a warm container trusts its copy of the trip list: no DynamoDB read per request. */
export const CATALOG_CACHE_MS = 5000;

export interface TripCatalog {
  /** In timetable order; the first is the default trip. */
  tripIds: string[];
}

export class CatalogMissingError extends Error {
  override name = 'CatalogMissingError';
}

export async function loadCatalog(db: DynamoDBClient, table: string): Promise<TripCatalog> {
  const { Item } = await db.send(new GetItemCommand({ TableName: table, Key: { id: S(CATALOG_ID) }, ConsistentRead: true }));
  const tripIds = (Item?.tripIds?.L ?? []).flatMap((value) => (value.S ? [value.S] : []));
  if (tripIds.length === 0) throw new CatalogMissingError(`table ${table} has no trip catalog (item '${CATALOG_ID}'): run bus-cli up`);
  return { tripIds };
}

const cache = new Map<string, { loadedAt: number; catalog: TripCatalog }>();

/** The trip list, re-read at most every CATALOG_CACHE_MS per table. */
export async function cachedCatalog(db: DynamoDBClient, table: string, now = Date.now()): Promise<TripCatalog> {
  const hit = cache.get(table);
  if (hit && now - hit.loadedAt < CATALOG_CACHE_MS) return hit.catalog;
  const catalog = await loadCatalog(db, table);
  cache.set(table, { loadedAt: now, catalog });
  return catalog;
}
