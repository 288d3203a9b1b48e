import type { OutgoingHttpHeaders } from 'node:http';

/** An API's CORS configuration, in its wire shape (lowerCamelCase, as restJson1 writes it). */
export interface CorsConfiguration {
  allowCredentials?: boolean;
  allowHeaders?: string[];
  allowMethods?: string[];
  allowOrigins?: string[];
  exposeHeaders?: string[];
  maxAge?: number;
}

/** An API's CorsConfiguration, compiled once per deployment into ready-made header sets. */
export interface Cors {
  /** The access-control-allow-origin value for a request's Origin, or undefined when it is not allowed. */
  allowOrigin(origin: string): string | undefined;
  /** Headers of the 204 answer to a preflight, apart from the allowed origin. */
  readonly preflight: OutgoingHttpHeaders;
  /** Headers added to actual responses, apart from the allowed origin. */
  readonly response: OutgoingHttpHeaders;
}

const joined = (values: string[] | undefined) => (values && values.length > 0 ? values.join(',') : undefined);

function originPattern(origin: string): RegExp {
  return new RegExp(`^${origin.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`, 'i');
}

export function compileCors(config: CorsConfiguration): Cors {
  const origins = config.allowOrigins ?? [];
  const anyOrigin = origins.includes('*');
  const credentials = config.allowCredentials === true;
  const exact = new Set(origins.map((o) => o.toLowerCase()));
  const patterns = origins.filter((o) => o !== '*' && o.includes('*')).map(originPattern);
  const optional = (entries: [string, string | undefined][]): OutgoingHttpHeaders =>
    Object.fromEntries(entries.filter((e): e is [string, string] => e[1] !== undefined));
  const allowCredentials = credentials ? 'true' : undefined;
  return {
    allowOrigin(origin) {
      // With credentials, `*` is not a valid answer: the browser needs its own origin back.
      if (anyOrigin) return credentials ? origin : '*';
      return exact.has(origin.toLowerCase()) || patterns.some((p) => p.test(origin)) ? origin : undefined;
    },
    preflight: optional([
      ['access-control-allow-methods', joined(config.allowMethods)],
      ['access-control-allow-headers', joined(config.allowHeaders)],
      ['access-control-max-age', config.maxAge === undefined ? undefined : String(config.maxAge)],
      ['access-control-allow-credentials', allowCredentials],
    ]),
    response: optional([
      ['access-control-expose-headers', joined(config.exposeHeaders)],
      ['access-control-allow-credentials', allowCredentials],
    ]),
  };
}
