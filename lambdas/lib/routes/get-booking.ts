import { REQUEST_ID_PATTERN } from '../../domain/booking.js';
import { getBooking } from '../bookings.js';
import { errorResponse, jsonResponse } from '../http.js';
import type { RouteHandler } from './route.js';

/** GET /api/bookings/{requestId} */
export const getBookingRoute: RouteHandler = async (_event, [rawId], { db, config }) => {
  const requestId = safeDecode(rawId);
  const booking = requestId !== undefined && REQUEST_ID_PATTERN.test(requestId) ? await getBooking(db, config.table, requestId) : undefined;
  return booking ? jsonResponse(200, booking) : errorResponse(404, `booking '${requestId}' not found`);
};

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
