import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export const MAX_BODY_BYTES = 8 * 1024;
/**
 * Content types a JSON body may arrive with: none, JSON, text/plain (a browser's simple request)
 * and curl's default for `-d`, so `curl -X POST <api>/api/book-bus -d '{}'` works.
 */
const JSON_CARRIERS = new Set(['application/json', 'text/plain', 'application/x-www-form-urlencoded']);
const JSON_SUFFIX = '+json';

export type ApiResponse = APIGatewayProxyStructuredResultV2;

export function jsonResponse(statusCode: number, body: unknown): ApiResponse {
  return { statusCode, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body: JSON.stringify(body) };
}

export const errorResponse = (statusCode: number, error: string): ApiResponse => jsonResponse(statusCode, { error });

/** Header names arrive lower-cased in payload format 2.0; look them up case-insensitively anyway. */
export function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** The route path: rawPath carries the stage name for a named stage (`/prod/api/stats`), which routes ignore. */
export function routePath(event: APIGatewayProxyEventV2): string {
  const { stage } = event.requestContext;
  let path = event.rawPath || '/';
  if (stage && stage !== '$default' && (path === `/${stage}` || path.startsWith(`/${stage}/`))) path = path.slice(stage.length + 1) || '/';
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

export type BodyResult = { ok: true; value: unknown } | { ok: false; error: string };

/** The request body as parsed JSON; an empty body reads as `{}`. */
export function readJsonBody(event: APIGatewayProxyEventV2): BodyResult {
  const mediaType = header(event, 'content-type')?.split(';')[0].trim().toLowerCase();
  if (mediaType && !JSON_CARRIERS.has(mediaType) && !mediaType.endsWith(JSON_SUFFIX)) {
    return { ok: false, error: `content-type ${mediaType} cannot carry a JSON body; send application/json` };
  }
  const raw = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
  if (raw.byteLength > MAX_BODY_BYTES) return { ok: false, error: `body is ${raw.byteLength} bytes; at most ${MAX_BODY_BYTES} are accepted` };
  const text = raw.toString('utf8');
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, error: `malformed JSON: ${(err as Error).message}` };
  }
}
