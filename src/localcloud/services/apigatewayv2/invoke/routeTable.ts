import type { Segment } from '../routeKey.js';
import type { Cors } from './cors.js';

/** Where a route sends requests: a Lambda function, with the integration's format and timeout. */
export interface LambdaTarget {
  functionArn: string;
  region: string;
  payloadFormatVersion: '1.0' | '2.0';
  timeoutMs: number;
}

export interface CompiledRoute {
  routeKey: string;
  /** `ANY` matches every method. */
  method: string;
  /** The route's path as written (`/api/bookings/{requestId}`), or `$default`. */
  resourcePath: string;
  segments: Segment[];
  /** Undefined when the route has no target (API Gateway answers 404). */
  target?: LambdaTarget;
}

export interface RouteMatch {
  route: CompiledRoute;
  pathParameters?: Record<string, string>;
}

const ANY = 'ANY';
const RANK = { literal: 0, param: 1, greedy: 2 } as const;

/** Most specific first: segment by segment literal > {param} > {proxy+}, then a named method before ANY. */
function bySpecificity(a: CompiledRoute, b: CompiledRoute): number {
  const n = Math.min(a.segments.length, b.segments.length);
  for (let i = 0; i < n; i++) {
    const diff = RANK[a.segments[i].kind] - RANK[b.segments[i].kind];
    if (diff !== 0) return diff;
  }
  return Number(a.method === ANY) - Number(b.method === ANY);
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Path parameters when `parts` fit the route's segments, else undefined. */
function bind(route: CompiledRoute, parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  const { segments } = route;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment.kind === 'greedy') {
      const rest = parts.slice(i).join('/');
      if (rest === '') return undefined;
      params[segment.name] = decode(rest);
      return params;
    }
    const part = parts[i];
    if (part === undefined || part === '') return undefined;
    if (segment.kind === 'literal' && part !== segment.value) return undefined;
    if (segment.kind === 'param') params[segment.name] = decode(part);
  }
  return parts.length === segments.length ? params : undefined;
}

/**
 * The routes of one deployment, precomputed for the invoke path: literal paths in a map
 * (method, then ANY), routes with variables in specificity order, then `$default`.
 */
export class RouteTable {
  private readonly literal = new Map<string, Map<string, CompiledRoute>>();
  private readonly patterns: CompiledRoute[];
  private readonly fallback?: CompiledRoute;

  constructor(
    routes: readonly CompiledRoute[],
    readonly cors: Cors | undefined,
  ) {
    const patterns: CompiledRoute[] = [];
    for (const route of routes) {
      if (route.resourcePath === '$default') this.fallback = route;
      else if (route.segments.every((s) => s.kind === 'literal')) {
        const byMethod = this.literal.get(route.resourcePath) ?? new Map<string, CompiledRoute>();
        byMethod.set(route.method, route);
        this.literal.set(route.resourcePath, byMethod);
      } else patterns.push(route);
    }
    this.patterns = patterns.sort(bySpecificity);
  }

  match(method: string, path: string): RouteMatch | undefined {
    const byMethod = this.literal.get(path);
    const exact = byMethod?.get(method) ?? byMethod?.get(ANY);
    if (exact) return { route: exact };
    if (this.patterns.length > 0) {
      const parts = path === '/' ? [] : path.slice(1).split('/');
      for (const route of this.patterns) {
        if (route.method !== method && route.method !== ANY) continue;
        const pathParameters = bind(route, parts);
        if (pathParameters) return { route, pathParameters };
      }
    }
    return this.fallback && { route: this.fallback };
  }
}
