// Talks to the HTTP API and reads stats.json; tells "unreachable" apart from an answer that says no.

/** The API could not be reached at all: network error, closed port, or a CORS refusal. */
export class ApiUnreachableError extends Error {}

/** The text an error answer carries: the producer's {error}, API Gateway's {message}, or the status. */
export const errorText = (res) => res.body.error ?? res.body.message ?? `HTTP ${res.status}`;

export function createApi(base) {
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
    const stats = await res.json();
    return stats !== null && typeof stats === 'object' ? { kind: 'ok', stats } : { kind: 'invalid' };
  } catch {
    return { kind: 'invalid' };
  }
}
