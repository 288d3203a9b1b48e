import type { EdgeRequest } from '../../../core/request.js';
import type { RouteMatch } from './routeTable.js';

/** What the invoke path resolved before building the Lambda event. */
export interface Invocation {
  req: EdgeRequest;
  accountId: string;
  apiId: string;
  stageName: string;
  stageVariables: Record<string, string>;
  /** The path as the client sent it, stage prefix included for named stages (as AWS's rawPath). */
  rawPath: string;
  match: RouteMatch;
  requestId: string;
  timeEpoch: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => (n < 10 ? `0${n}` : String(n));
let formattedSecond = -1;
let formattedTime = '';

/** `12/Mar/2020:19:03:58 +0000`, formatted once per second whatever the request rate. */
export function requestTime(epochMs: number): string {
  const second = Math.floor(epochMs / 1000);
  if (second !== formattedSecond) {
    const d = new Date(second * 1000);
    formattedTime = `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
    formattedSecond = second;
  }
  return formattedTime;
}

/** HTTP APIs pass text bodies as they are and base64-encode everything else (forms, binaries, no type). */
export function isTextContent(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';', 1)[0].trim().toLowerCase();
  return (
    type.startsWith('text/') ||
    type.endsWith('/json') ||
    type.endsWith('+json') ||
    type.endsWith('/xml') ||
    type.endsWith('+xml') ||
    type === 'application/javascript'
  );
}

function bodyOf(req: EdgeRequest): { body?: string; isBase64Encoded: boolean } {
  if (req.body.length === 0) return { isBase64Encoded: false };
  const text = isTextContent(req.headers['content-type']);
  return { body: req.body.toString(text ? 'utf8' : 'base64'), isBase64Encoded: !text };
}

const sourceIpOf = (req: EdgeRequest) => (req.raw.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
const rawQueryOf = (req: EdgeRequest) => {
  const url = req.raw.url ?? '';
  const q = url.indexOf('?');
  return q === -1 ? '' : url.slice(q + 1);
};
const nonEmpty = <T extends object>(value: T) => (Object.keys(value).length > 0 ? value : undefined);

/** Headers AWS adds on the way in: the client address, port and scheme as the front end saw them. */
function forwardedHeaders(req: EdgeRequest, sourceIp: string): [string, string][] {
  const forwardedFor = req.headers['x-forwarded-for'];
  return [
    ['x-forwarded-for', forwardedFor ? `${forwardedFor}, ${sourceIp}` : sourceIp],
    ['x-forwarded-port', String(req.raw.socket.localPort ?? '')],
    ['x-forwarded-proto', 'http'],
  ];
}

function requestContextBase(inv: Invocation) {
  const host = inv.req.headers.host ?? '';
  return {
    accountId: inv.accountId,
    apiId: inv.apiId,
    // The client's own host: the local URL carries the API id in its path, so the prefix is the id.
    domainName: host,
    domainPrefix: inv.apiId,
  };
}

/** The payload format 2.0 event, member for member as HTTP APIs send it. */
export function eventV2(inv: Invocation) {
  const { req, match } = inv;
  const sourceIp = sourceIpOf(req);
  const headers: Record<string, string> = Object.create(null);
  const cookies: string[] = [];
  const raw = req.raw.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    if (name === 'cookie') cookies.push(...raw[i + 1].split(/;\s*/));
    else if (name !== 'x-forwarded-for') headers[name] = headers[name] === undefined ? raw[i + 1] : `${headers[name]},${raw[i + 1]}`;
  }
  for (const [name, value] of forwardedHeaders(req, sourceIp)) headers[name] = value;
  const query: Record<string, string> = Object.create(null);
  for (const [key, value] of req.query) query[key] = query[key] === undefined ? value : `${query[key]},${value}`;
  return {
    version: '2.0',
    routeKey: match.route.routeKey,
    rawPath: inv.rawPath,
    rawQueryString: rawQueryOf(req),
    cookies: cookies.length > 0 ? cookies : undefined,
    headers,
    queryStringParameters: nonEmpty(query),
    requestContext: {
      ...requestContextBase(inv),
      http: { method: req.method, path: inv.rawPath, protocol: `HTTP/${req.raw.httpVersion}`, sourceIp, userAgent: req.headers['user-agent'] ?? '' },
      requestId: inv.requestId,
      routeKey: match.route.routeKey,
      stage: inv.stageName,
      time: requestTime(inv.timeEpoch),
      timeEpoch: inv.timeEpoch,
    },
    ...bodyOf(req),
    pathParameters: match.pathParameters && nonEmpty(match.pathParameters),
    stageVariables: nonEmpty(inv.stageVariables),
  };
}

/** The payload format 1.0 event (REST-API-like: single and multi-value headers and query, nulls). */
export function eventV1(inv: Invocation) {
  const { req, match } = inv;
  const sourceIp = sourceIpOf(req);
  const multiValueHeaders: Record<string, string[]> = Object.create(null);
  const raw = req.raw.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) (multiValueHeaders[raw[i].toLowerCase()] ??= []).push(raw[i + 1]);
  for (const [name, value] of forwardedHeaders(req, sourceIp)) multiValueHeaders[name] = [value];
  const multiValueQuery: Record<string, string[]> = Object.create(null);
  for (const [key, value] of req.query) (multiValueQuery[key] ??= []).push(value);
  const last = (values: Record<string, string[]>) => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v[v.length - 1]]));
  const { body, isBase64Encoded } = bodyOf(req);
  return {
    version: '1.0',
    resource: match.route.resourcePath,
    path: inv.rawPath,
    httpMethod: req.method,
    headers: last(multiValueHeaders),
    multiValueHeaders,
    queryStringParameters: nonEmpty(multiValueQuery) ? last(multiValueQuery) : null,
    multiValueQueryStringParameters: nonEmpty(multiValueQuery) ?? null,
    requestContext: {
      ...requestContextBase(inv),
      extendedRequestId: inv.requestId,
      httpMethod: req.method,
      identity: { sourceIp, userAgent: req.headers['user-agent'] ?? '' },
      path: inv.rawPath,
      protocol: `HTTP/${req.raw.httpVersion}`,
      requestId: inv.requestId,
      requestTime: requestTime(inv.timeEpoch),
      requestTimeEpoch: inv.timeEpoch,
      resourceId: match.route.routeKey,
      resourcePath: match.route.resourcePath,
      stage: inv.stageName,
    },
    pathParameters: (match.pathParameters && nonEmpty(match.pathParameters)) ?? null,
    stageVariables: nonEmpty(inv.stageVariables) ?? null,
    body: body ?? null,
    isBase64Encoded,
  };
}
