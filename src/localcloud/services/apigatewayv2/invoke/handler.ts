import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { EdgeRequest } from '../../../core/request.js';
import type { CallContext, CloudContext, LambdaInvokeResult } from '../../../core/types.js';
import { EXECUTE_API_PATH } from '../actions/createApi.js';
import type { ApiStore, HttpApi, Stage } from '../store.js';
import { eventV1, eventV2, type Invocation } from './event.js';
import { fromV1, fromV2, type HttpResponse } from './response.js';
import type { LambdaTarget, RouteMatch } from './routeTable.js';

const DEFAULT_STAGE = '$default';
/** HTTP APIs accept request payloads of up to 10 MB. */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
const INVOKING_SERVICE = 'apigateway.amazonaws.com';
const CORS_HEADER_PREFIX = 'access-control-';

/** API Gateway's own answers, serialized once. */
const message = (statusCode: number, text: string): HttpResponse => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(JSON.stringify({ message: text })),
});
const NOT_FOUND = message(404, 'Not Found');
const FORBIDDEN = message(403, 'Forbidden');
const INTERNAL_ERROR = message(500, 'Internal Server Error');
const SERVICE_UNAVAILABLE = message(503, 'Service Unavailable');
const TOO_LARGE = message(413, 'Request Entity Too Large');
const TIMED_OUT = Symbol('timed out');
const NO_CONTENT: HttpResponse = { statusCode: 204, headers: {}, body: Buffer.alloc(0) };

interface StageTarget {
  api: HttpApi;
  stage: Stage;
  stageName: string;
  /** The path routes are matched against (stage prefix removed). */
  path: string;
  /** The path as sent, as AWS reports it in rawPath. */
  rawPath: string;
}

/**
 * `/_aws/execute-api/<apiId>/<stage>/<path>`, or `/_aws/execute-api/<apiId>/<path>` when the API
 * has a `$default` stage and the first segment names no other stage.
 */
function resolveStage(store: ApiStore, requestPath: string): StageTarget | undefined {
  const rest = requestPath.slice(EXECUTE_API_PATH.length);
  const slash = rest.indexOf('/');
  const api = store.find(slash === -1 ? rest : rest.slice(0, slash));
  if (!api) return undefined;
  const afterApi = slash === -1 ? '' : rest.slice(slash);
  const next = afterApi.indexOf('/', 1);
  const first = next === -1 ? afterApi.slice(1) : afterApi.slice(1, next);
  const named = first !== DEFAULT_STAGE ? api.stages.get(first) : undefined;
  if (named) {
    const path = next === -1 ? '/' : afterApi.slice(next);
    return { api, stage: named, stageName: first, path, rawPath: afterApi };
  }
  const fallback = api.stages.get(DEFAULT_STAGE);
  const path = afterApi || '/';
  return fallback && { api, stage: fallback, stageName: DEFAULT_STAGE, path, rawPath: path };
}

/** The execute-api ARN Lambda resource policies are written against: `<apiId>/<stage>/<METHOD>/<path>`. */
function sourceArn(target: StageTarget, match: RouteMatch, method: string, accountId: string): string {
  const { route } = match;
  const resource = route.resourcePath === '$default' ? '$default' : `${route.method === 'ANY' ? method : route.method}${route.resourcePath}`;
  return `arn:aws:execute-api:${target.api.region}:${accountId}:${target.api.record.apiId}/${target.stageName}/${resource}`;
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(resolve, ms, TIMED_OUT);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The HTTP API data plane: route selection, CORS, the Lambda proxy call and the response mapping. */
export function createInvoker(store: ApiStore, cloud: CloudContext) {
  const log = (text: string) => {
    if (cloud.options.verbose) process.stderr.write(`execute-api: ${text}\n`);
  };

  async function callLambda(target: LambdaTarget, invocation: Invocation, arn: string): Promise<HttpResponse> {
    let result: LambdaInvokeResult | typeof TIMED_OUT;
    try {
      const lambda = cloud.api('lambda');
      if (!lambda.isInvokeAllowed(target.functionArn, target.region, INVOKING_SERVICE, arn)) {
        log(`${arn} may not invoke ${target.functionArn}: no resource-based policy allows ${INVOKING_SERVICE} (lambda add-permission)`);
        return INTERNAL_ERROR;
      }
      const v2 = target.payloadFormatVersion === '2.0';
      const event = JSON.stringify(v2 ? eventV2(invocation) : eventV1(invocation));
      result = await withTimeout(lambda.invoke(target.functionArn, event, target.region), target.timeoutMs);
    } catch (err) {
      log(`invoking ${target.functionArn} failed: ${(err as Error).message}`);
      return INTERNAL_ERROR;
    }
    if (result === TIMED_OUT) {
      log(`${target.functionArn} did not answer within the integration timeout of ${target.timeoutMs} ms`);
      return SERVICE_UNAVAILABLE;
    }
    if (result.functionError || result.statusCode !== 200) {
      log(`${target.functionArn} failed (${result.functionError ?? result.statusCode})`);
      return INTERNAL_ERROR;
    }
    const mapped = (target.payloadFormatVersion === '2.0' ? fromV2 : fromV1)(result.payload);
    if (!mapped) log(`${target.functionArn} returned a malformed proxy response`);
    return mapped ?? INTERNAL_ERROR;
  }

  function send(res: ServerResponse, response: HttpResponse, requestId: string, cors?: OutgoingHttpHeaders): void {
    const headers: OutgoingHttpHeaders = { ...response.headers };
    if (cors) {
      // API Gateway ignores CORS headers from the integration when the API configures CORS.
      for (const name of Object.keys(headers)) if (name.startsWith(CORS_HEADER_PREFIX)) delete headers[name];
      Object.assign(headers, cors);
    }
    headers['content-length'] = response.body.length;
    headers['apigw-requestid'] = requestId;
    res.writeHead(response.statusCode, headers);
    res.end(response.body);
  }

  return async function invoke(req: EdgeRequest, res: ServerResponse, ctx: CallContext): Promise<void> {
    const target = resolveStage(store, req.path);
    const table = target?.stage.deployment?.table;
    if (!target || !table) return send(res, NOT_FOUND, ctx.requestId);
    if (target.api.record.disableExecuteApiEndpoint) return send(res, FORBIDDEN, ctx.requestId);
    if (req.body.length > MAX_PAYLOAD_BYTES) return send(res, TOO_LARGE, ctx.requestId);

    const { cors } = table;
    const origin = req.headers.origin;
    const allowedOrigin = cors && origin ? cors.allowOrigin(origin) : undefined;
    if (cors && req.method === 'OPTIONS' && origin && req.headers['access-control-request-method']) {
      const preflight = allowedOrigin ? { ...cors.preflight, 'access-control-allow-origin': allowedOrigin } : {};
      return send(res, NO_CONTENT, ctx.requestId, preflight);
    }
    const corsHeaders = cors && (allowedOrigin ? { ...cors.response, 'access-control-allow-origin': allowedOrigin } : {});

    const match = table.match(req.method, target.path);
    const lambda = match?.route.target;
    if (!match || !lambda) return send(res, NOT_FOUND, ctx.requestId, corsHeaders);
    const invocation: Invocation = {
      req,
      accountId: ctx.accountId,
      apiId: target.api.record.apiId,
      stageName: target.stageName,
      stageVariables: target.stage.record.stageVariables,
      rawPath: target.rawPath,
      match,
      requestId: ctx.requestId,
      timeEpoch: Date.now(),
    };
    send(res, await callLambda(lambda, invocation, sourceArn(target, match, req.method, ctx.accountId)), ctx.requestId, corsHeaders);
  };
}
