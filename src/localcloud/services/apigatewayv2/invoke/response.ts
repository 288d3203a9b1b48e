import type { OutgoingHttpHeaders } from 'node:http';

/** What goes back to the client once a Lambda result is mapped. */
export interface HttpResponse {
  statusCode: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
const EMPTY = Buffer.alloc(0);
const DEFAULT_CONTENT_TYPE = 'text/plain; charset=utf-8';

/**
 * The proxy response shape (`statusCode`, `headers`, `multiValueHeaders`, `cookies`, `body`,
 * `isBase64Encoded`); undefined when it is malformed, which API Gateway answers with a 500.
 */
function proxyResponse(value: Record<string, unknown>): HttpResponse | undefined {
  const { statusCode, headers = {}, multiValueHeaders = {}, cookies = [], body, isBase64Encoded = false } = value;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) return undefined;
  if (!isObject(headers) || !isObject(multiValueHeaders) || !Array.isArray(cookies) || typeof isBase64Encoded !== 'boolean') return undefined;
  if (body !== undefined && body !== null && typeof body !== 'string') return undefined;
  const out: OutgoingHttpHeaders = {};
  for (const [name, values] of Object.entries(multiValueHeaders)) {
    if (!Array.isArray(values) || !values.every(isScalar)) return undefined;
    out[name.toLowerCase()] = values.map(String);
  }
  for (const [name, v] of Object.entries(headers)) {
    if (!isScalar(v)) return undefined;
    out[name.toLowerCase()] = String(v);
  }
  if (cookies.length > 0) {
    if (!cookies.every((c) => typeof c === 'string')) return undefined;
    out['set-cookie'] = [...((out['set-cookie'] as string[] | undefined) ?? []), ...(cookies as string[])];
  }
  // HTTP APIs label a proxy response without a content type as plain text.
  out['content-type'] ??= DEFAULT_CONTENT_TYPE;
  const text = body ?? '';
  return { statusCode, headers: out, body: text === '' ? EMPTY : Buffer.from(text, isBase64Encoded ? 'base64' : 'utf8') };
}

function parse(payload: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(payload.toString('utf8')) };
  } catch {
    return { ok: false };
  }
}

/**
 * Payload format 2.0: an object with `statusCode` is a proxy response; anything else valid JSON
 * (an object without it, a string, a number...) is a 200 application/json carrying the payload as is.
 */
export function fromV2(payload: Buffer): HttpResponse | undefined {
  const parsed = parse(payload);
  if (!parsed.ok) return undefined;
  if (isObject(parsed.value) && 'statusCode' in parsed.value) return proxyResponse(parsed.value);
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: payload };
}

/** Payload format 1.0: only the proxy response shape is valid. */
export function fromV1(payload: Buffer): HttpResponse | undefined {
  const parsed = parse(payload);
  return parsed.ok && isObject(parsed.value) ? proxyResponse(parsed.value) : undefined;
}
