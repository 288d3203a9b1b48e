import { badRequest, conflict } from './errors.js';

export const DEFAULT_ROUTE_KEY = '$default';
export const ROUTE_METHODS = new Set(['ANY', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const PATH_PART = /^(\{[\w.-]+\+?\}|[a-zA-Z0-9._-]+)$/;

export type Segment = { kind: 'literal'; value: string } | { kind: 'param' | 'greedy'; name: string };

/** A route key other than `$default`: `METHOD /path` split into path parts. */
export interface RouteKeyParts {
  method: string;
  path: string;
  segments: Segment[];
}

function segmentOf(part: string): Segment {
  if (!part.startsWith('{')) return { kind: 'literal', value: part };
  const greedy = part.endsWith('+}');
  return { kind: greedy ? 'greedy' : 'param', name: part.slice(1, greedy ? -2 : -1) };
}

/** Parses `POST /api/book-bus`, `GET /api/bookings/{requestId}`, `ANY /{proxy+}`; undefined for `$default`. */
export function parseRouteKey(routeKey: string): RouteKeyParts | undefined {
  if (routeKey === DEFAULT_ROUTE_KEY) return undefined;
  const space = routeKey.indexOf(' ');
  const method = routeKey.slice(0, space);
  const path = routeKey.slice(space + 1);
  if (space === -1 || !ROUTE_METHODS.has(method) || !path.startsWith('/')) {
    throw badRequest(`Invalid route key: ${routeKey}. A route key is $default or an HTTP method (${[...ROUTE_METHODS].join(', ')}) and a path starting with /`);
  }
  const parts = path === '/' ? [] : path.slice(1).split('/');
  if (!parts.every((p) => PATH_PART.test(p))) {
    throw badRequest(
      'One or more path parts appear to be invalid. Parts are validated against this regular expression: ^(\\{[\\w.-]+\\+?\\}|[a-zA-Z0-9._-]+)$',
    );
  }
  const segments = parts.map(segmentOf);
  if (segments.slice(0, -1).some((s) => s.kind === 'greedy')) throw badRequest(`A greedy path variable must be the last part of the path: ${routeKey}`);
  return { method, path, segments };
}

/**
 * API Gateway keeps one path tree per API: two routes may not name the same path variable
 * differently at the same level, nor repeat a route key.
 */
export function checkRouteConflicts(routeKey: string, others: readonly string[]): void {
  if (others.includes(routeKey)) throw conflict(`Route with key ${routeKey} already exists for this API`);
  const mine = parseRouteKey(routeKey)?.segments;
  if (!mine) return;
  for (const other of others) {
    const theirs = parseRouteKey(other)?.segments ?? [];
    for (let i = 0; i < Math.min(mine.length, theirs.length); i++) {
      const [a, b] = [mine[i], theirs[i]];
      if (a.kind === 'param' && b.kind === 'param' && a.name !== b.name) {
        throw conflict(`The provided route key "${routeKey}" has a conflicting variable on the same hierarchical level as "${other}"`);
      }
      if (a.kind !== b.kind || (a.kind === 'literal' && b.kind === 'literal' && a.value !== b.value)) break;
    }
  }
}
