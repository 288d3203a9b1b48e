import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { hasRequestIdField, Http1Pool, keepAliveTimeoutOf, writeDecimal, type Http1Exchange } from './http1.js';

type Outcome = { status: number; body: string | undefined; written: boolean } | { error: Error; written: boolean };

/** A raw TCP server: `answer` gets each request's bytes (one per call, split on the blank line + content-length) and its socket. */
interface RawServer {
  url: URL;
  requests: string[];
  sockets: number;
  close(): Promise<void>;
}

let servers: RawServer[] = [];
let pools: Http1Pool[] = [];
afterEach(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
  await Promise.all(servers.map((server) => server.close()));
  pools = [];
  servers = [];
});

async function rawServer(answer: (socket: Socket, request: string, index: number) => unknown): Promise<RawServer> {
  const requests: string[] = [];
  const open = new Set<Socket>();
  const state = { sockets: 0 };
  const server: Server = createServer((socket) => {
    state.sockets++;
    open.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => {});
    let pending = '';
    socket.on('data', (chunk) => {
      pending += chunk.toString('latin1');
      for (;;) {
        const headEnd = pending.indexOf('\r\n\r\n');
        if (headEnd < 0) return;
        const length = Number(/content-length: (\d+)/i.exec(pending.slice(0, headEnd))?.[1] ?? 0);
        if (pending.length < headEnd + 4 + length) return;
        const request = pending.slice(0, headEnd + 4 + length);
        pending = pending.slice(request.length);
        requests.push(request);
        void answer(socket, request, requests.length - 1);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const raw: RawServer = {
    url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    requests,
    get sockets() {
      return state.sockets;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
  servers.push(raw);
  return raw;
}

function pool(url: URL, overrides: { connections?: number; timeoutMs?: number } = {}): Http1Pool {
  const created = new Http1Pool({
    origin: url,
    path: '/prod/api/book-bus',
    method: 'POST',
    connections: overrides.connections ?? 1,
    headers: { 'content-type': 'application/json' },
    keyHeader: { name: 'idempotency-key', prefix: 'flood-run-' },
    timeoutMs: overrides.timeoutMs ?? 5_000,
  });
  pools.push(created);
  return created;
}

const BODY = Buffer.from('{"tripId":"A","seats":1}');

function send(target: Http1Pool, options: { keyIndex?: number; readsBody?: boolean; body?: Buffer } = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    let written = false;
    const exchange: Http1Exchange = {
      body: options.body ?? BODY,
      keyIndex: options.keyIndex ?? 7,
      readsBody: options.readsBody ?? true,
      onWritten: () => {
        written = true;
      },
      onAnswer: (status, body) => resolve({ status, body, written }),
      onError: (error) => resolve({ error, written }),
    };
    target.dispatch(exchange);
  });
}

/** Writes `parts` one by one with a pause between, so the client reads them apart. */
async function writeParts(socket: Socket, parts: string[]): Promise<void> {
  for (const [i, part] of parts.entries()) {
    if (i > 0) await sleep(15);
    socket.write(part);
  }
}

const ok = (body: string, extra = '') =>
  `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`;

describe('Http1Pool', () => {
  it('sends one request per POST with the key header, reads the status and a 2xx body naming a requestId', async () => {
    const server = await rawServer((socket) =>
      socket.write(ok('{"status":"queued","requestId":"r-1"}', 'Connection: keep-alive\r\nKeep-Alive: timeout=5\r\n')),
    );
    const client = pool(server.url);

    expect(await send(client, { keyIndex: 1234 })).toEqual({ status: 200, body: '{"status":"queued","requestId":"r-1"}', written: true });
    expect(server.requests[0]).toBe(
      `POST /prod/api/book-bus HTTP/1.1\r\nhost: ${server.url.host}\r\ncontent-type: application/json\r\n` +
        `idempotency-key: flood-run-1234\r\ncontent-length: ${BODY.length}\r\n\r\n${BODY}`,
    );
    // No key header for a negative index; the socket is reused.
    expect(await send(client, { keyIndex: -1, readsBody: false })).toEqual({ status: 200, body: undefined, written: true });
    expect(server.requests[1]).not.toMatch(/idempotency-key/);
    expect(await send(client, { keyIndex: 0 })).toMatchObject({ status: 200 });
    expect(server.requests[2]).toMatch(/idempotency-key: flood-run-0\r\n/);
    expect(server.sockets).toBe(1);
  });

  it('hands over only the 2xx bodies that name a requestId', async () => {
    const answers = [ok('{"status":"queued"}'), 'HTTP/1.1 400 Bad Request\r\ncontent-length: 22\r\n\r\n{"requestId":"nope-1"}'];
    const server = await rawServer((socket, _request, index) => socket.write(answers[index]!));
    const client = pool(server.url);

    expect(await send(client)).toEqual({ status: 200, body: undefined, written: true });
    expect(await send(client)).toEqual({ status: 400, body: undefined, written: true });
  });

  it('parses an answer cut anywhere: in the status line, in a header, in the body', async () => {
    const body = '{"status":"queued","requestId":"cut-1"}';
    const server = await rawServer(
      (socket) => void writeParts(socket, ['HTTP/1.1 2', '00 OK\r\nContent-Le', `ngth: ${body.length}\r\n\r\n{"status":"que`, body.slice(14)]),
    );
    const client = pool(server.url);

    expect(await send(client)).toEqual({ status: 200, body, written: true });
    expect(await send(client)).toEqual({ status: 200, body, written: true });
  });

  it('decodes a chunked answer (extensions, trailers, cut between reads)', async () => {
    const server = await rawServer(
      (socket) =>
        void writeParts(socket, [
          'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n',
          '13;ext=1\r\n{"status":"que',
          'ued",\r',
          '\n1',
          '6\r\n"requestId":"chunk-1"}\r',
          '\n0\r\nx-trailer: yes\r\n',
          '\r\n',
        ]),
    );
    const client = pool(server.url);

    expect(await send(client)).toEqual({ status: 200, body: '{"status":"queued","requestId":"chunk-1"}', written: true });
    expect(await send(client)).toMatchObject({ status: 200 });
    expect(server.sockets).toBe(1);
  });

  it('skips 1xx interim answers, and reads 204 without a body', async () => {
    const answers = [`HTTP/1.1 100 Continue\r\n\r\n${ok('{"requestId":"after-100"}')}`, 'HTTP/1.1 204 No Content\r\n\r\n'];
    const server = await rawServer((socket, _request, index) => socket.write(answers[index]!));
    const client = pool(server.url);

    expect(await send(client)).toEqual({ status: 200, body: '{"requestId":"after-100"}', written: true });
    expect(await send(client)).toEqual({ status: 204, body: undefined, written: true });
  });

  it('reads a body framed by the close, and reconnects after Connection: close', async () => {
    const answers = [
      ok('{"requestId":"closing"}', 'Connection: close\r\n'),
      'HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n{"requestId":"until-close"}',
      ok('{"requestId":"fresh"}'),
    ];
    const server = await rawServer((socket, _request, index) => {
      socket.write(answers[index]!);
      if (index < 2) socket.end();
    });
    const client = pool(server.url);

    expect(await send(client)).toMatchObject({ status: 200, body: '{"requestId":"closing"}' });
    expect(await send(client)).toMatchObject({ status: 200, body: '{"requestId":"until-close"}' });
    expect(await send(client)).toMatchObject({ status: 200, body: '{"requestId":"fresh"}' });
    expect(server.sockets).toBe(3);
  });

  it('fails the request when the server closes or resets mid-answer, and the next one gets a new socket', async () => {
    const server = await rawServer((socket, _request, index) => {
      if (index === 0) {
        socket.write('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{"stat');
        socket.end();
      } else if (index === 1) socket.resetAndDestroy();
      else socket.write(ok('{}'));
    });
    const client = pool(server.url);

    const closed = await send(client);
    expect(closed).toMatchObject({ written: true });
    expect((closed as { error: NodeJS.ErrnoException }).error.code).toBe('SOCKET_CLOSED');
    const reset = await send(client);
    expect(['ECONNRESET', 'SOCKET_CLOSED']).toContain((reset as { error: NodeJS.ErrnoException }).error.code);
    expect(await send(client)).toMatchObject({ status: 200 });
    expect(server.sockets).toBe(3);
  });

  it('a refused connection is an ECONNREFUSED error, not written', async () => {
    const server = await rawServer(() => {});
    const { url } = server;
    await server.close();
    servers = [];

    const refused = await send(pool(url));
    expect((refused as { error: NodeJS.ErrnoException }).error.code).toBe('ECONNREFUSED');
    expect(refused.written).toBe(false);
  });

  it('times out a request that gets no answer, and a body that stalls', async () => {
    const server = await rawServer((socket, _request, index) => {
      if (index === 1) socket.write('HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\n{');
    });
    const client = pool(server.url, { timeoutMs: 100 });

    expect((await send(client)) as { error: NodeJS.ErrnoException }).toMatchObject({ error: { code: 'HEADERS_TIMEOUT' } });
    expect((await send(client)) as { error: NodeJS.ErrnoException }).toMatchObject({ error: { code: 'BODY_TIMEOUT' } });
  });

  it('an answer that is not HTTP fails the request', async () => {
    const server = await rawServer((socket) => socket.write('SSH-2.0-OpenSSH_9.6\r\n\r\n'));
    expect((await send(pool(server.url))) as { error: NodeJS.ErrnoException }).toMatchObject({ error: { code: 'HTTP_PARSE_ERROR' } });
  });

  it('queues requests beyond its sockets and answers each in order of sending', async () => {
    const server = await rawServer((socket, request) => {
      const key = /idempotency-key: (\S+)/.exec(request)![1]!;
      setTimeout(() => socket.write(ok(`{"requestId":"${key}"}`)), 2);
    });
    const client = pool(server.url, { connections: 3 });

    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => send(client, { keyIndex: i })));
    expect(outcomes.map((outcome) => (outcome as { body: string }).body)).toEqual(Array.from({ length: 20 }, (_, i) => `{"requestId":"flood-run-${i}"}`));
    expect(server.sockets).toBe(3);
    expect(client.queued).toBe(0);
  });

  it('closing the pool fails the requests still waiting for a socket', async () => {
    const server = await rawServer(() => {});
    const client = pool(server.url, { connections: 1 });
    const inFlight = send(client);
    const waiting = send(client);
    await sleep(20);
    await client.close();
    expect(await waiting).toMatchObject({ error: { code: 'POOL_CLOSED' }, written: false });
    expect(await inFlight).toMatchObject({ error: { code: 'SOCKET_CLOSED' }, written: true });
  });
});

describe('http1 helpers', () => {
  it('writeDecimal writes the digits of any index', () => {
    const buffer = Buffer.alloc(20);
    for (const value of [0, 7, 10, 99, 1_000, 123_456_789, Number.MAX_SAFE_INTEGER]) {
      const end = writeDecimal(buffer, 2, value);
      expect(buffer.toString('latin1', 2, end)).toBe(String(value));
    }
  });

  it('keepAliveTimeoutOf reads timeout=N however it is written', () => {
    const of = (value: string) => keepAliveTimeoutOf(Buffer.from(value), 0, value.length);
    expect(of('timeout=5')).toBe(5);
    expect(of('max=100, Timeout = 72')).toBe(72);
    expect(of('max=100')).toBe(-1);
    expect(of('xtimeout=5')).toBe(-1);
  });

  it('hasRequestIdField finds the field name only inside the range', () => {
    const body = Buffer.from('xx{"requestId":"a"}yy');
    expect(hasRequestIdField(body, 0, body.length)).toBe(true);
    expect(hasRequestIdField(body, 0, 10)).toBe(false);
    expect(hasRequestIdField(Buffer.from('{"requestid":"a"}'), 0, 17)).toBe(false);
  });
});
