import type { EdgeRequest } from './request.js';

export type Params = Record<string, string>;

interface Route<H> {
  method: string;
  parts: string[];
  handler: H;
}

/**
 * A tiny method + path router for rest-json and rest-xml services:
 * `/2015-03-31/functions/:name/invocations` style patterns, segments percent-decoded.
 */
export class Router<H> {
  private readonly routes: Route<H>[] = [];

  add(method: string, pattern: string, handler: H): this {
    this.routes.push({ method, parts: pattern.split('/').filter(Boolean), handler });
    return this;
  }

  match(req: Pick<EdgeRequest, 'method' | 'path'>): { handler: H; params: Params } | undefined {
    const segments = req.path.split('/').filter(Boolean);
    for (const route of this.routes) {
      if (route.method !== req.method || route.parts.length !== segments.length) continue;
      const params: Params = {};
      let ok = true;
      for (let i = 0; i < segments.length; i++) {
        const part = route.parts[i];
        if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(segments[i]);
        else if (part !== segments[i]) {
          ok = false;
          break;
        }
      }
      if (ok) return { handler: route.handler, params };
    }
    return undefined;
  }

  /** True when some route has this path under another method (405 instead of 404). */
  hasPath(path: string): boolean {
    return this.routes.some((r) => this.match({ method: r.method, path }) !== undefined);
  }
}
