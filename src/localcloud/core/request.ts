import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { AwsError } from './errors.js';
import { MAX_BODY_BYTES } from './constants.js';

/** What SigV4 says about a signed request: who signed it and for which service and region. */
export interface SigV4Scope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

/** A request as the edge hands it to a service: the body is already read. */
export interface EdgeRequest {
  method: string;
  /** Path without the query string, still percent-encoded. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  scope?: SigV4Scope;
  raw: IncomingMessage;
}

const CREDENTIAL = /Credential=([^/\s,]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/;

/** Reads the credential scope from the Authorization header or a presigned URL. */
export function sigV4Scope(headers: IncomingHttpHeaders, query: URLSearchParams): SigV4Scope | undefined {
  const auth = headers.authorization;
  let m = typeof auth === 'string' ? CREDENTIAL.exec(auth) : null;
  if (!m) {
    const credential = query.get('X-Amz-Credential');
    if (credential) m = CREDENTIAL.exec(`Credential=${credential}`);
  }
  if (!m) return undefined;
  return { accessKeyId: m[1], date: m[2], region: m[3], service: m[4] };
}

/** The whole body; events rather than an async iterator, which costs several promises per request on the edge's hot path. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (!req.destroyed) {
        req.destroy();
        reject(new AwsError('RequestEntityTooLarge', `Request body exceeds ${limit} bytes`, 413));
      }
    });
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

export async function toEdgeRequest(raw: IncomingMessage): Promise<EdgeRequest> {
  const url = raw.url ?? '/';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const query = new URLSearchParams(q === -1 ? '' : url.slice(q + 1));
  const body = raw.method === 'GET' || raw.method === 'HEAD' ? Buffer.alloc(0) : await readBody(raw);
  return { method: raw.method ?? 'GET', path, query, headers: raw.headers, body, scope: sigV4Scope(raw.headers, query), raw };
}

/**
 * Re-plays an already-read request as a readable IncomingMessage look-alike, so that
 * emulators that read the stream themselves (dynalite, fauxqs) can be mounted behind the edge.
 */
export function replay(req: EdgeRequest, url?: string): IncomingMessage {
  const stream = Readable.from(req.body.length ? [req.body] : []) as unknown as IncomingMessage & Record<string, unknown>;
  const raw = req.raw;
  Object.assign(stream, {
    method: req.method,
    url: url ?? raw.url,
    headers: req.headers,
    rawHeaders: raw.rawHeaders,
    httpVersion: raw.httpVersion,
    httpVersionMajor: raw.httpVersionMajor,
    httpVersionMinor: raw.httpVersionMinor,
    socket: raw.socket,
    connection: raw.socket,
  });
  return stream;
}

export function header(req: EdgeRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function jsonBody<T = Record<string, unknown>>(req: Pick<EdgeRequest, 'body'>): T {
  if (req.body.length === 0) return {} as T;
  try {
    return JSON.parse(req.body.toString('utf8')) as T;
  } catch {
    throw new AwsError('SerializationException', 'Request body is not valid JSON', 400);
  }
}
