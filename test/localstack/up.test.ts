import { createServer, request, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../helpers/cloud.js';
import { quietReporter, waitUntil } from '../helpers/stack.js';
import { openStack, apiGatewayFrontPort, type StackSession } from '../../src/session.js';
import { plan } from '../../src/stack/plan.js';
import { apply } from '../../src/stack/apply.js';
import { stopDetached } from '../../src/localcloud/daemon.js';
import { defaultTrips } from '../../lambdas/domain/index.js';

/**
 * A stand-in for LocalStack's free image (LocalStack itself needs Docker): its health answer, no API
 * Gateway v2 (501 like LocalStack's "not yet implemented or pro feature"), everything else passed to
 * an embedded cloud.
 */
function fakeLocalStack(backend: string): Server {
  const target = new URL(backend);
  return createServer((req, res) => {
    if (req.url === '/_localstack/health') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          edition: 'community',
          version: '4.14.0',
          services: {
            apigateway: 'available',
            dynamodb: 'available',
            iam: 'available',
            lambda: 'available',
            logs: 'available',
            s3: 'available',
            sqs: 'available',
            sts: 'available',
          },
        }),
      );
      return;
    }
    if (req.url === '/_localcloud/health') {
      res.writeHead(404).end();
      return;
    }
    if (/Credential=[^/]+\/\d+\/[^/]+\/apigateway\//.test(req.headers.authorization ?? '')) {
      res.writeHead(501, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ __type: 'InternalFailure', message: "API for service 'apigatewayv2' not yet implemented or pro feature" }));
      return;
    }
    const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    req.pipe(upstream);
  });
}

async function listenOnPairOfFreePorts(server: Server): Promise<number> {
  for (;;) {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const probe = createServer();
    const nextFree = await new Promise<boolean>((r) => probe.once('error', () => r(false)).listen(port + 1, '127.0.0.1', () => probe.close(() => r(true))));
    if (nextFree) return port;
    await new Promise((r) => server.close(r));
  }
}

describe('up --local on LocalStack without API Gateway v2', () => {
  let backend: TestCloud;
  let localstack: Server;
  let port: number;
  let session: StackSession;
  const notices: string[] = [];
  const home = mkdtempSync(join(tmpdir(), 'bus-cli-ls-'));

  beforeAll(async () => {
    process.env.BUS_CLI_HOME = home;
    backend = await startTestCloud({ strict: false });
    localstack = fakeLocalStack(backend.cloud.endpoint);
    port = await listenOnPairOfFreePorts(localstack);
  });
  afterAll(async () => {
    session?.close();
    await stopDetached(home, apiGatewayFrontPort(port));
    localstack?.close();
    await backend?.stop();
    delete process.env.BUS_CLI_HOME;
  });

  it('serves the HTTP API from the embedded front, invoking the functions in LocalStack, and says so', async () => {
    session = await openStack({ local: true, port }, { startLocal: true, withCode: true, trips: defaultTrips, onNotice: (m) => notices.push(m) });
    expect(session.target.kind).toBe('localstack');
    expect(session.target.apigwEndpoint).toBe(`http://127.0.0.1:${apiGatewayFrontPort(port)}`);
    expect(notices.join('\n')).toMatch(/no API Gateway v2/);
    await apply(session.ctx, await plan(session.ctx), quietReporter);
    expect(session.ctx.outputs.apiUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${apiGatewayFrontPort(port)}/_aws/execute-api/`));

    const booked = await fetch(`${session.ctx.outputs.apiUrl}/api/book-bus`, { method: 'POST', body: '{}' });
    expect(booked.status).toBe(200);
    const { requestId } = (await booked.json()) as { requestId: string };
    const final = await waitUntil(async () => {
      const res = await fetch(`${session.ctx.outputs.apiUrl}/api/bookings/${requestId}`);
      const body = (await res.json()) as { status: string };
      return body.status === 'queued' ? undefined : body.status;
    }, 30_000);
    expect(final).toBe('confirmed');
  }, 120_000);
});
