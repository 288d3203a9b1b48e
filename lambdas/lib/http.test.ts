import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, readJsonBody, routePath } from './http.js';

const event = (over: { body?: string; contentType?: string; base64?: boolean; rawPath?: string; stage?: string }) =>
  ({
    rawPath: over.rawPath ?? '/api/book-bus',
    headers: over.contentType ? { 'content-type': over.contentType } : {},
    body: over.body,
    isBase64Encoded: over.base64 ?? false,
    requestContext: { stage: over.stage ?? '$default' },
  }) as unknown as APIGatewayProxyEventV2;

describe('readJsonBody', () => {
  it('reads JSON sent as application/json, text/plain, curl form default, or with no content-type', () => {
    for (const contentType of [undefined, 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'application/vnd.api+json']) {
      expect(readJsonBody(event({ body: '{"seats":2}', contentType }))).toEqual({ ok: true, value: { seats: 2 } });
    }
  });

  it('reads an empty body as {} and decodes base64 bodies', () => {
    expect(readJsonBody(event({}))).toEqual({ ok: true, value: {} });
    expect(readJsonBody(event({ body: Buffer.from('{"seats":3}').toString('base64'), base64: true }))).toEqual({ ok: true, value: { seats: 3 } });
  });

  it('refuses content types that cannot carry JSON, malformed JSON and bodies over 8 KB', () => {
    expect(readJsonBody(event({ body: '<a/>', contentType: 'text/xml' }))).toEqual({
      ok: false,
      error: 'content-type text/xml cannot carry a JSON body; send application/json',
    });
    expect(readJsonBody(event({ body: '{"seats":', contentType: 'application/json' }))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^malformed JSON/),
    });
    const big = JSON.stringify({ passenger: 'x'.repeat(MAX_BODY_BYTES) });
    expect(readJsonBody(event({ body: big }))).toEqual({ ok: false, error: `body is ${big.length} bytes; at most 8192 are accepted` });
  });
});

describe('routePath', () => {
  it('drops a named stage from rawPath and a trailing slash', () => {
    expect(routePath(event({ rawPath: '/prod/api/stats', stage: 'prod' }))).toBe('/api/stats');
    expect(routePath(event({ rawPath: '/api/stats/' }))).toBe('/api/stats');
    expect(routePath(event({ rawPath: '/production/x', stage: 'prod' }))).toBe('/production/x');
  });
});
