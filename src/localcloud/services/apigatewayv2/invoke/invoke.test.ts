import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CreateApiCommand,
  CreateDeploymentCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
  type CreateIntegrationCommandInput,
} from '@aws-sdk/client-apigatewayv2';
import type { LambdaApi, LambdaInvokeResult } from '../../../core/types.js';
import { MAX_PAYLOAD_BYTES } from './handler.js';
import { MAX_HEADER_BYTES } from '../../../edge/server.js';
import { startTestCloud, type TestCloud } from '../../../../../test/helpers/cloud.js';

const ACCOUNT = '000000000000';
const fn = (name: string) => `arn:aws:lambda:ap-northeast-2:${ACCOUNT}:function:${name}`;
const ORIGIN = 'https://aram.example';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Plain node:http, so that duplicate headers and raw bytes go out exactly as written. */
function call(url: string, method: string, headers: Record<string, string | string[]> = {}, body?: Buffer | string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** An Invoke result whose payload is `text` as is (a function's return value, JSON-encoded by Lambda). */
const rawResult = (text: string, extra: Partial<LambdaInvokeResult> = {}): LambdaInvokeResult => ({
  statusCode: 200,
  payload: Buffer.from(text),
  executedVersion: '$LATEST',
  ...extra,
});
const result = (value: unknown, extra: Partial<LambdaInvokeResult> = {}) => rawResult(JSON.stringify(value), extra);

describe('api gateway v2 invoke path (/_aws/execute-api)', () => {
  let t: TestCloud;
  // biome-ignore lint/suspicious/noExplicitAny: an event is read member by member in assertions
  let invoked: { functionRef: string; region: string; event: Record<string, any> }[];
  let permissionChecks: { functionRef: string; principal: string; sourceArn: string }[];
  let allowInvoke: boolean;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  let reply: (event: Record<string, any>) => LambdaInvokeResult | Promise<LambdaInvokeResult>;
  let booking: string;
  let routing: string;

  // The Lambda service is built concurrently; this in-process LambdaApi stand-in lets the test drive
  // the API Gateway module alone: it records the events API Gateway sends and returns scripted
  // results, so what is checked here is API Gateway's own mapping.
  const lambdaStandIn: LambdaApi = {
    async invoke(functionRef, payload, region) {
      const event = JSON.parse(payload.toString());
      invoked.push({ functionRef, region, event });
      return reply(event);
    },
    isInvokeAllowed(functionRef, _region, principal, sourceArn) {
      permissionChecks.push({ functionRef, principal, sourceArn });
      return allowInvoke;
    },
  };

  async function integration(apiId: string, input: Omit<CreateIntegrationCommandInput, 'ApiId' | 'IntegrationType'>) {
    const created = await t.clients.apigw.send(
      new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0', ...input }),
    );
    return `integrations/${created.IntegrationId}`;
  }
  async function routes(apiId: string, target: string, ...keys: string[]) {
    for (const RouteKey of keys) await t.clients.apigw.send(new CreateRouteCommand({ ApiId: apiId, RouteKey, Target: target }));
  }
  const url = (apiId: string, path: string) => `${t.cloud.endpoint}/_aws/execute-api/${apiId}${path}`;

  beforeAll(async () => {
    t = await startTestCloud();
    t.cloud.provide('lambda', lambdaStandIn);
    const { apigw } = t.clients;
    booking = (
      await apigw.send(
        new CreateApiCommand({
          Name: 'booking',
          ProtocolType: 'HTTP',
          CorsConfiguration: {
            AllowOrigins: [ORIGIN],
            AllowMethods: ['GET', 'POST', 'OPTIONS'],
            AllowHeaders: ['content-type'],
            ExposeHeaders: ['x-request-id'],
            MaxAge: 600,
          },
        }),
      )
    ).ApiId!;
    await routes(
      booking,
      await integration(booking, { IntegrationUri: fn('aram-producer') }),
      'POST /api/book-bus',
      'GET /api/bookings/{requestId}',
      'POST /api/upload',
    );
    await routes(booking, await integration(booking, { IntegrationUri: fn('slow'), TimeoutInMillis: 50 }), 'GET /api/slow');
    await routes(booking, await integration(booking, { IntegrationUri: fn('legacy'), PayloadFormatVersion: '1.0' }), 'GET /api/legacy/{id}');
    await apigw.send(new CreateStageCommand({ ApiId: booking, StageName: 'prod', AutoDeploy: true, StageVariables: { env: 'prod' } }));

    routing = (await apigw.send(new CreateApiCommand({ Name: 'routing', ProtocolType: 'HTTP' }))).ApiId!;
    const target = await integration(routing, { IntegrationUri: fn('router') });
    await routes(routing, target, 'GET /pets/dog/1', 'GET /pets/dog/{id}', 'GET /pets/{proxy+}', 'ANY /{proxy+}', '$default');
    await apigw.send(new CreateStageCommand({ ApiId: routing, StageName: '$default', AutoDeploy: true }));
  });
  afterAll(() => t.stop());
  beforeEach(() => {
    invoked = [];
    permissionChecks = [];
    allowInvoke = true;
    reply = () => result({ status: 'queued' });
  });

  it('sends the payload format 2.0 event as HTTP APIs do', async () => {
    const res = await call(
      url(booking, '/prod/api/book-bus?seat=1&seat=2&x=y'),
      'POST',
      { 'content-type': 'application/json', 'x-dup': ['a', 'b'], cookie: 'a=1; b=2', 'user-agent': 'test-agent', 'X-Mixed-Case': 'v' },
      '{"name":"kim"}',
    );
    expect(res.status).toBe(200);
    expect(invoked).toHaveLength(1);
    const { functionRef, region, event } = invoked[0];
    expect([functionRef, region]).toEqual([fn('aram-producer'), 'ap-northeast-2']);
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /api/book-bus',
      rawPath: '/prod/api/book-bus',
      rawQueryString: 'seat=1&seat=2&x=y',
      cookies: ['a=1', 'b=2'],
      queryStringParameters: { seat: '1,2', x: 'y' },
      requestContext: {
        accountId: ACCOUNT,
        apiId: booking,
        domainName: new URL(t.cloud.endpoint).host,
        domainPrefix: booking,
        http: { method: 'POST', path: '/prod/api/book-bus', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test-agent' },
        routeKey: 'POST /api/book-bus',
        stage: 'prod',
      },
      body: '{"name":"kim"}',
      isBase64Encoded: false,
      stageVariables: { env: 'prod' },
    });
    expect(event.headers).toMatchObject({ 'content-type': 'application/json', 'x-dup': 'a,b', 'x-mixed-case': 'v', 'x-forwarded-for': '127.0.0.1' });
    expect(event.headers.cookie).toBeUndefined();
    expect(event).not.toHaveProperty('pathParameters');
    expect(event.requestContext.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(typeof event.requestContext.timeEpoch).toBe('number');
    expect(res.headers['apigw-requestid']).toBe(event.requestContext.requestId);
  });

  it('passes path parameters decoded and base64-encodes non-text bodies', async () => {
    await call(url(booking, '/prod/api/bookings/abc%20d'), 'GET');
    expect(invoked[0].event).toMatchObject({ routeKey: 'GET /api/bookings/{requestId}', pathParameters: { requestId: 'abc d' } });
    expect(invoked[0].event).not.toHaveProperty('body');
    const bytes = Buffer.from([0, 1, 2, 255]);
    await call(url(booking, '/prod/api/upload'), 'POST', { 'content-type': 'application/octet-stream' }, bytes);
    expect(invoked[1].event).toMatchObject({ isBase64Encoded: true, body: bytes.toString('base64') });
  });

  it('maps a proxy response: status, headers, multi-value headers, cookies, base64 body', async () => {
    reply = () =>
      result({
        statusCode: 201,
        headers: { 'X-Request-Id': 'r1', 'content-type': 'text/plain' },
        multiValueHeaders: { 'x-multi': ['a', 'b'] },
        cookies: ['s=1', 't=2'],
        body: Buffer.from('hi').toString('base64'),
        isBase64Encoded: true,
      });
    const res = await call(url(booking, '/prod/api/book-bus'), 'POST', { 'content-type': 'application/json' }, '{}');
    expect(res).toMatchObject({ status: 201, body: 'hi' });
    expect(res.headers).toMatchObject({ 'x-request-id': 'r1', 'content-type': 'text/plain', 'x-multi': 'a, b', 'set-cookie': ['s=1', 't=2'] });
  });

  it('maps anything without statusCode to 200 application/json carrying the JSON value (and labels untyped proxy responses text/plain)', async () => {
    const object = await call(url(booking, '/prod/api/book-bus'), 'POST', {}, '{}');
    expect(object).toMatchObject({ status: 200, body: '{"status":"queued"}', headers: { 'content-type': 'application/json' } });
    reply = () => result('hello');
    expect((await call(url(booking, '/prod/api/book-bus'), 'POST', {}, '{}')).body).toBe('"hello"');
    reply = () => result(42);
    expect((await call(url(booking, '/prod/api/book-bus'), 'POST', {}, '{}')).body).toBe('42');
    reply = () => result({ statusCode: 200, body: '{"status":"queued"}' });
    const untyped = await call(url(booking, '/prod/api/book-bus'), 'POST', {}, '{}');
    expect(untyped.headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it('answers 500 for a function error or a malformed response, 503 past the integration timeout', async () => {
    const internalError = { status: 500, body: '{"message":"Internal Server Error"}' };
    reply = () => result({ errorMessage: 'boom', errorType: 'Error' }, { functionError: 'Unhandled' });
    expect(await call(url(booking, '/prod/api/book-bus'), 'POST', {}, '{}')).toMatchObject(internalError);
    reply = () => result({ statusCode: 'two hundred' });
    expect(await call(url(booking, '/prod/api/book-bus'), 'POST', {}, '{}')).toMatchObject(internalError);
    reply = () => result({ statusCode: 200, body: { not: 'a string' } });
    expect(await call(url(booking, '/prod/api/book-bus'), 'POST', {}, '{}')).toMatchObject(internalError);
    reply = () => rawResult('not json {');
    expect(await call(url(booking, '/prod/api/book-bus'), 'POST', {}, '{}')).toMatchObject(internalError);
    // The `slow` integration allows 50 ms; the stand-in answers only after 1 s.
    reply = () => new Promise((resolve) => setTimeout(() => resolve(result('late')), 1000));
    expect(await call(url(booking, '/prod/api/slow'), 'GET')).toMatchObject({ status: 503, body: '{"message":"Service Unavailable"}' });
  });

  it('refuses with 500 when the function policy does not let API Gateway invoke it', async () => {
    allowInvoke = false;
    expect(await call(url(booking, '/prod/api/bookings/r-1'), 'GET')).toMatchObject({ status: 500, body: '{"message":"Internal Server Error"}' });
    expect(invoked).toHaveLength(0);
    expect(permissionChecks).toEqual([
      {
        functionRef: fn('aram-producer'),
        principal: 'apigateway.amazonaws.com',
        sourceArn: `arn:aws:execute-api:ap-northeast-2:${ACCOUNT}:${booking}/prod/GET/api/bookings/{requestId}`,
      },
    ]);
  });

  it('selects the most specific route: exact, {param}, {proxy+}, ANY, then $default', async () => {
    const routeKeyFor = async (method: string, path: string) => {
      invoked = [];
      await call(url(routing, path), method);
      return invoked[0]?.event.routeKey;
    };
    expect(await routeKeyFor('GET', '/pets/dog/1')).toBe('GET /pets/dog/1');
    expect(await routeKeyFor('GET', '/pets/dog/2')).toBe('GET /pets/dog/{id}');
    expect(await routeKeyFor('GET', '/pets/cat/1')).toBe('GET /pets/{proxy+}');
    expect(await routeKeyFor('POST', '/pets/dog/1')).toBe('ANY /{proxy+}');
    expect(await routeKeyFor('GET', '/')).toBe('$default');
    expect(invoked[0].event).toMatchObject({ rawPath: '/', requestContext: { stage: '$default' } });
    expect(await routeKeyFor('GET', '/pets/cat/a/b')).toBe('GET /pets/{proxy+}');
    expect(invoked[0].event.pathParameters).toEqual({ proxy: 'cat/a/b' });
  });

  it('answers 404 Not Found when no route, stage or API matches, 413 past 10 MB', async () => {
    const notFound = { status: 404, body: '{"message":"Not Found"}' };
    expect(await call(url(booking, '/prod/api/nothing'), 'GET')).toMatchObject(notFound);
    expect(await call(url(booking, '/staging/api/book-bus'), 'POST')).toMatchObject(notFound);
    expect(await call(url('noapi12345', '/prod/x'), 'GET')).toMatchObject(notFound);
    const oversized = await call(url(booking, '/prod/api/upload'), 'POST', { 'content-type': 'application/octet-stream' }, Buffer.alloc(MAX_PAYLOAD_BYTES + 1));
    expect(oversized).toMatchObject({ status: 413, body: '{"message":"Request Entity Too Large"}' });
    expect(invoked).toHaveLength(0);
  });

  it("lets a 20,000-character header reach the function, which gives the reason, and answers 431 JSON (not Node's bare 431) past the edge's limit", async () => {
    reply = (event) => result({ statusCode: 400, body: JSON.stringify({ error: `key of ${event.headers['idempotency-key'].length} characters` }) });
    const long = await call(url(booking, '/prod/api/book-bus'), 'POST', { 'idempotency-key': 'k'.repeat(20_000) }, '{}');
    expect(long).toMatchObject({ status: 400, body: '{"error":"key of 20000 characters"}' });
    const huge = await call(url(booking, '/prod/api/book-bus'), 'POST', { 'idempotency-key': 'k'.repeat(MAX_HEADER_BYTES) }, '{}');
    expect(huge.status).toBe(431);
    expect(JSON.parse(huge.body).message).toMatch(/^Request Header Fields Too Large/);
    expect(invoked).toHaveLength(1);
  });

  it('answers CORS preflights itself and decorates actual responses', async () => {
    const preflight = await call(url(booking, '/prod/api/book-bus'), 'OPTIONS', {
      origin: ORIGIN,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers).toMatchObject({
      'access-control-allow-origin': ORIGIN,
      'access-control-allow-methods': 'GET,POST,OPTIONS',
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '600',
    });
    expect(invoked).toHaveLength(0);
    reply = () => result({ statusCode: 200, headers: { 'access-control-allow-origin': '*' }, body: 'ok' });
    const actual = await call(url(booking, '/prod/api/book-bus'), 'POST', { origin: ORIGIN }, '{}');
    expect(actual.headers).toMatchObject({ 'access-control-allow-origin': ORIGIN, 'access-control-expose-headers': 'x-request-id' });
    const stranger = await call(url(booking, '/prod/api/book-bus'), 'POST', { origin: 'https://evil.example' }, '{}');
    expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sends payload format 1.0 events and requires a proxy response from them', async () => {
    reply = () => result({ statusCode: 200, body: 'v1' });
    const res = await call(url(booking, '/prod/api/legacy/7?a=1&a=2'), 'GET', { 'x-dup': ['a', 'b'] });
    expect(res.body).toBe('v1');
    expect(invoked[0].event).toMatchObject({
      version: '1.0',
      resource: '/api/legacy/{id}',
      path: '/prod/api/legacy/7',
      httpMethod: 'GET',
      multiValueHeaders: { 'x-dup': ['a', 'b'] },
      queryStringParameters: { a: '2' },
      multiValueQueryStringParameters: { a: ['1', '2'] },
      pathParameters: { id: '7' },
      body: null,
      isBase64Encoded: false,
    });
    reply = () => result({ no: 'statusCode' });
    expect((await call(url(booking, '/prod/api/legacy/7'), 'GET')).status).toBe(500);
  });

  it('serves a stage without AutoDeploy only what was deployed to it', async () => {
    const { apigw } = t.clients;
    await apigw.send(new CreateStageCommand({ ApiId: booking, StageName: 'manual' }));
    expect((await call(url(booking, '/manual/api/book-bus'), 'POST', {}, '{}')).status).toBe(404);
    await apigw.send(new CreateDeploymentCommand({ ApiId: booking, StageName: 'manual' }));
    expect((await call(url(booking, '/manual/api/book-bus'), 'POST', {}, '{}')).status).toBe(200);
    await routes(booking, await integration(booking, { IntegrationUri: fn('aram-producer') }), 'GET /api/stats');
    expect((await call(url(booking, '/prod/api/stats'), 'GET')).status).toBe(200);
    expect((await call(url(booking, '/manual/api/stats'), 'GET')).status).toBe(404);
  });
});
