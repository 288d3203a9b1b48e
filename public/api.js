// Talks to the HTTP API and reads stats.json; tells "unreachable" apart from an answer that says no.

/**
 * A trip as GET /api/trips lists it (lambdas/lib/trips-view.ts's TripView).
 * @typedef {object} Trip
 * @property {string} id
 * @property {string} from
 * @property {string} to
 * @property {string} date
 * @property {string} departure
 * @property {number} seats
 * @property {number} seatsLeft
 */
/**
 * What an error answer may carry: the producer's {error} or API Gateway's {message}.
 * @typedef {{ error?: string; message?: string }} ErrorBody
 */
/**
 * An answer of the API: `body` is its JSON ({} when it had none), shaped as the route documents it for a 2xx.
 * The page trusts that shape as the route's contract; it checks only what an error answer may lack.
 * @template T
 * @typedef {{ ok: true; status: number; body: T & ErrorBody } | { ok: false; status: number; body: ErrorBody }} ApiResponse
 */
/** @typedef {{ tripId: string | undefined; seats: number; passenger: string | undefined }} BookRequest */
/** @typedef {{ requestId: string; status: string; tripId?: string; reason?: string }} BookingBody */
/**
 * @typedef {object} Api
 * @property {() => Promise<ApiResponse<{ trips: Trip[] }>>} trips
 * @property {(request: BookRequest) => Promise<ApiResponse<{ requestId: string }>>} book
 * @property {(requestId: string) => Promise<ApiResponse<BookingBody>>} booking
 */
/**
 * stats.json as the consumer writes it (lambdas/lib/stats.ts's StatsSnapshot). An older file may lack a counter,
 * so each figure is checked before it is shown.
 * @typedef {Record<string, unknown> & { seatsLeft?: { total?: unknown; byTrip?: Record<string, number> }; updatedAt?: unknown }} Stats
 */
/**
 * One read of stats.json: the figures, or why there are none.
 * @typedef {{ kind: 'ok'; stats: Stats } | { kind: 'missing'; status: number } | { kind: 'unreachable' } | { kind: 'invalid' }} StatsResult
 */

/** The API could not be reached at all: network error, closed port, or a CORS refusal. */
export class ApiUnreachableError extends Error {}

/**
 * The text an error answer carries: the producer's {error}, API Gateway's {message}, or the status.
 * @param {{ status: number; body: ErrorBody }} res
 */
export const errorText = (res) => res.body.error ?? res.body.message ?? `HTTP ${res.status}`;

/**
 * @param {string} base
 * @returns {Api}
 */
export function createApi(base) {
  /**
   * @template T the body of a 2xx answer
   * @param {string} path
   * @param {RequestInit} [init]
   * @returns {Promise<ApiResponse<T>>}
   */
  async function call(path, init = {}) {
    let res;
    try {
      res = await fetch(`${base}${path}`, { cache: 'no-store', ...init });
    } catch (err) {
      throw new ApiUnreachableError(String(err));
    }
    const body = await res.json().catch(() => ({}));
    return { ok: res.ok, status: res.status, body };
  }
  return {
    trips: () => call('/api/trips'),
    book: (request) => call('/api/book-bus', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) }),
    booking: (requestId) => call(`/api/bookings/${encodeURIComponent(requestId)}`),
  };
}

/**
 * One read of stats.json, never from a cache. A public-read bucket answers a missing key with 403
 * (no s3:ListBucket for anonymous callers) or 404, so both mean "missing".
 * @param {string} url
 * @returns {Promise<StatsResult>}
 */
export async function fetchStats(url) {
  let res;
  try {
    res = await fetch(url, { cache: 'no-store' });
  } catch {
    return { kind: 'unreachable' };
  }
  if (res.status === 403 || res.status === 404) return { kind: 'missing', status: res.status };
  if (!res.ok) return { kind: 'unreachable' };
  try {
    /** @type {unknown} */
    const stats = await res.json();
    // Any object: the figures in it are checked one by one where they are shown.
    return stats !== null && typeof stats === 'object' ? { kind: 'ok', stats: /** @type {Stats} */ (stats) } : { kind: 'invalid' };
  } catch {
    return { kind: 'invalid' };
  }
}
