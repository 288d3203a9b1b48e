import { AwsError } from '../../core/errors.js';
import { header, type EdgeRequest } from '../../core/request.js';
import { asArray, type XmlObject } from '../../core/xml.js';
import { invalidRequest, malformedXml } from './errors.js';
import type { Bucket } from './store.js';
import type { CorsRule } from './configs.js';

const MAX_CORS_RULES = 100;
const CORS_METHODS = new Set(['GET', 'PUT', 'HEAD', 'POST', 'DELETE']);
/** S3's own wording, typo included. */
const NOT_ALLOWED =
  "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.";

const texts = (value: unknown) => asArray(value as string | string[] | undefined).map(String);

function assertOneWildcard(pattern: string, what: string) {
  if (pattern.split('*').length > 2) throw invalidRequest(`${what} "${pattern}" can not have more than one wildcard.`);
}

/** Origin and header patterns hold at most one `*`, matching any run of characters. */
function wildcardMatch(pattern: string, value: string): boolean {
  const star = pattern.indexOf('*');
  if (star === -1) return pattern === value;
  const head = pattern.slice(0, star);
  const tail = pattern.slice(star + 1);
  return value.length >= head.length + tail.length && value.startsWith(head) && value.endsWith(tail);
}

/** PutBucketCors's `<CORSConfiguration>`, validated as S3 does. */
export function parseCorsRules(config: Record<string, unknown>): CorsRule[] {
  const raw = asArray(config.CORSRule as Record<string, unknown> | Record<string, unknown>[] | undefined);
  if (!raw.length || raw.length > MAX_CORS_RULES) throw malformedXml();
  return raw.map((r) => {
    const rule: CorsRule = {
      ID: r.ID === undefined ? undefined : String(r.ID),
      AllowedMethods: texts(r.AllowedMethod),
      AllowedOrigins: texts(r.AllowedOrigin),
      AllowedHeaders: texts(r.AllowedHeader),
      ExposeHeaders: texts(r.ExposeHeader),
      MaxAgeSeconds: r.MaxAgeSeconds === undefined ? undefined : Number(r.MaxAgeSeconds),
    };
    if (!rule.AllowedMethods.length || !rule.AllowedOrigins.length || Number.isNaN(rule.MaxAgeSeconds)) throw malformedXml();
    const unsupported = rule.AllowedMethods.find((m) => !CORS_METHODS.has(m));
    if (unsupported) throw invalidRequest(`Found unsupported HTTP method in CORS config. Unsupported method is ${unsupported}`);
    for (const origin of rule.AllowedOrigins) assertOneWildcard(origin, 'AllowedOrigin');
    for (const h of rule.AllowedHeaders) assertOneWildcard(h, 'AllowedHeader');
    return rule;
  });
}

export function corsRulesXml(rules: CorsRule[]): XmlObject {
  return {
    CORSRule: rules.map((r) => ({
      ID: r.ID,
      AllowedHeader: r.AllowedHeaders,
      AllowedMethod: r.AllowedMethods,
      AllowedOrigin: r.AllowedOrigins,
      ExposeHeader: r.ExposeHeaders,
      MaxAgeSeconds: r.MaxAgeSeconds,
    })),
  };
}

function matchRule(rules: CorsRule[], origin: string, method: string, requestHeaders: string[]): CorsRule | undefined {
  return rules.find(
    (r) =>
      r.AllowedMethods.includes(method) &&
      r.AllowedOrigins.some((o) => wildcardMatch(o, origin)) &&
      requestHeaders.every((h) => r.AllowedHeaders.some((a) => wildcardMatch(a.toLowerCase(), h))),
  );
}

function ruleHeaders(rule: CorsRule, origin: string, requestHeaders: string[]): Record<string, string> {
  const anyOrigin = rule.AllowedOrigins.includes('*');
  const headers: Record<string, string> = {
    'access-control-allow-origin': anyOrigin ? '*' : origin,
    'access-control-allow-methods': rule.AllowedMethods.join(', '),
    vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
  };
  if (!anyOrigin) headers['access-control-allow-credentials'] = 'true';
  if (requestHeaders.length) headers['access-control-allow-headers'] = requestHeaders.join(', ');
  if (rule.ExposeHeaders.length) headers['access-control-expose-headers'] = rule.ExposeHeaders.join(', ');
  if (rule.MaxAgeSeconds !== undefined) headers['access-control-max-age'] = String(rule.MaxAgeSeconds);
  return headers;
}

/** CORS headers for an actual request that carries an Origin: those of the first rule allowing its method, else none. */
export function corsHeaders(req: EdgeRequest, bucket: Bucket | undefined): Record<string, string> {
  const origin = header(req, 'origin');
  const rules = bucket?.config.cors;
  const rule = origin && rules ? matchRule(rules, origin, req.method, []) : undefined;
  return rule && origin ? ruleHeaders(rule, origin, []) : {};
}

const forbidden = (message: string, method: string, resourceType: string) =>
  new AwsError('AccessForbidden', message, 403, true, { Method: method, ResourceType: resourceType });

/** Answers a preflight OPTIONS from the bucket's CORS rules: the headers of a 200, or the 400/403 S3 gives. */
export function preflight(req: EdgeRequest, bucket: Bucket | undefined): Record<string, string> {
  const origin = header(req, 'origin');
  if (!origin) throw new AwsError('BadRequest', 'Insufficient information. Origin request header needed.', 400);
  const method = header(req, 'access-control-request-method');
  if (!method) throw new AwsError('BadRequest', 'Invalid Access-Control-Request-Method: null', 400);
  if (!bucket) throw forbidden('CORSResponse: Bucket not found', method, 'BUCKET');
  if (!bucket.config.cors) throw forbidden('CORSResponse: CORS is not enabled for this bucket.', method, 'BUCKET');
  const requestHeaders = (header(req, 'access-control-request-headers') ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const rule = matchRule(bucket.config.cors, origin, method, requestHeaders);
  if (!rule) throw forbidden(NOT_ALLOWED, method, 'OBJECT');
  return ruleHeaders(rule, origin, requestHeaders);
}
