import { cachedCatalog } from '../catalog.js';
import { jsonResponse } from '../http.js';
import { readTrips } from '../trips-view.js';
import type { RouteHandler } from './route.js';

/** GET /api/trips: the timetable with seats left (read fresh; the trip list itself may be a few seconds old). */
export const listTrips: RouteHandler = async (_event, _params, { db, config }) => {
  const catalog = await cachedCatalog(db, config.table);
  return jsonResponse(200, { trips: await readTrips(db, config.table, catalog) });
};
