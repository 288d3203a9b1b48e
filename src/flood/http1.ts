import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { performance } from 'node:perf_hooks';

/**
 * flood's HTTP/1.1 client: a pool of keep-alive sockets (pipelining 1) that sends one POST route with
 * pre-encoded bodies and reads back only what flood needs (status, and the body of the answers that asked
 * for it). What makes it lean, as autocannon's own client is: a request is one buffer and one write, built
 * in a per-socket scratch buffer from parts encoded up front; plain HTTP sockets read into one shared buffer
 * (`onread`, no stream, no Buffer per read); the response parser looks only at Content-Length,
 * Transfer-Encoding, Connection and Keep-Alive; no timer, closure or promise per request.
 *
 * It handles Content-Length, chunked and read-until-close bodies, 1xx interim answers, `Connection: close`,
 * keep-alive expiry (the server's Keep-Alive hint, else 4 s idle, as undici), resets, refused connects and a
 * request timeout (no answer, or a stalled body, for `timeoutMs`).
 */

/** One request as the pool sends it; flood's exchanges implement it. */
export interface Http1Exchange {
  /** Encoded once up front: the pool keys its encoded request tail on this buffer's identity. */
  readonly body: Buffer;
  /** Appended (in decimal) to `keyPrefix` as the key header's value; negative: no key header. */
  readonly keyIndex: number;
  /** Whether a 2xx answer's body is wanted (it is scanned for "requestId"). */
  readonly readsBody: boolean;
  /** The request went out on a socket (`at`: performance.now()). */
  onWritten(at: number): void;
  /** A complete answer; `body` only for a 2xx that `readsBody` and whose body names a "requestId". */
  onAnswer(status: number, body: string | undefined): void;
  /** No (complete) answer: refused, reset, closed early, timed out or not HTTP. */
  onError(error: Error): void;
}

export interface Http1PoolOptions {
  /** http: or https: origin. */
  origin: URL;
  /** Request target, e.g. /prod/api/book-bus. */
  path: string;
  method: string;
  /** Most sockets open at once; requests beyond them wait in order. */
  connections: number;
  /** Header lines of every request, besides host, connection and content-length. */
  headers: Record<string, string>;
  /** The per-request key header: `${name}: ${prefix}${keyIndex}`. */
  keyHeader?: { name: string; prefix: string };
  /** No answer for this long after the write, or no body bytes for this long, fails the request. */
  timeoutMs: number;
}

/** An error with a code, as Node's own socket errors carry (flood counts errors by code). */
export class Http1Error extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'Http1Error';
  }
}

/** Without a Keep-Alive hint a socket idle this long is not reused (undici's default). */
const DEFAULT_KEEP_ALIVE_MS = 4_000;
/** Taken off the server's Keep-Alive timeout, so a socket is not reused just as the server closes it (undici's). */
const KEEP_ALIVE_THRESHOLD_MS = 2_000;
/** Largest response head accepted. */
const MAX_HEAD_BYTES = 64 * 1024;
/** Largest body kept for the requestId scan; a larger 2xx body is read past. */
const MAX_KEPT_BODY_BYTES = 1024 * 1024;
/** Plain sockets read into this buffer, shared: every read is parsed before the next one happens. */
const READ_BUFFER_BYTES = 64 * 1024;
/** Turns of the event loop without an answer after which the pool stops polling and lets the loop block. */
const MAX_EMPTY_POLLS = 5;
/** Answers a second from which the pool polls before sleeping (answers then come ~100 µs apart or closer). */
const POLL_MIN_ANSWER_RATE = 10_000;
/** Room for the decimal digits of any safe integer. */
const MAX_DIGITS = 16;

const CR = 13;
const LF = 10;

enum Body {
  None,
  Length,
  ChunkSize,
  ChunkData,
  ChunkDataEnd,
  Trailers,
  UntilClose,
}

export class Http1Pool {
  /** `POST /path HTTP/1.1`, host, connection and the fixed headers. */
  private readonly head: Buffer;
  private readonly keyPrefix: Buffer | undefined;
  /** Per body: `content-length: N` and the blank line, then the body. */
  private readonly tails = new Map<Buffer, Buffer>();
  private readonly secure: boolean;
  private readonly host: string;
  private readonly port: number;
  private readonly servername: string | undefined;
  /** Sockets free for a request, the most recently freed last (it is reused first; the others may expire). */
  private readonly idle: Connection[] = [];
  private readonly open = new Set<Connection>();
  /** Requests waiting for a socket, first in first out (`queue[queueHead]` is the next). */
  private queue: Http1Exchange[] = [];
  private queueHead = 0;
  private readonly sweeper: NodeJS.Timeout;
  private closed = false;
  readonly readBuffer: Buffer | undefined;

  constructor(private readonly options: Http1PoolOptions) {
    const { origin } = options;
    if (origin.protocol !== 'http:' && origin.protocol !== 'https:') throw new Error(`flood: unsupported protocol ${origin.protocol}`);
    this.secure = origin.protocol === 'https:';
    this.host = origin.hostname.replace(/^\[(.*)\]$/, '$1');
    this.port = origin.port ? Number(origin.port) : this.secure ? 443 : 80;
    this.servername = this.secure && isIP(this.host) === 0 ? this.host : undefined;
    // No `connection: keep-alive`: HTTP/1.1 connections persist unless a side says close (RFC 9112 §9.3), and
    // the line costs the server ~1 µs of its ~22 per request (scratch run against bench:flood's server: 4-6%
    // more answers a second without it).
    const lines = [`${options.method} ${options.path} HTTP/1.1`, `host: ${origin.host}`];
    for (const [name, value] of Object.entries(options.headers)) lines.push(`${name}: ${value}`);
    this.head = Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1');
    this.keyPrefix = options.keyHeader && Buffer.from(`${options.keyHeader.name}: ${options.keyHeader.prefix}`, 'latin1');
    this.readBuffer = this.secure ? undefined : Buffer.allocUnsafeSlow(READ_BUFFER_BYTES);
    // One timer for every socket: a request is timed out within a quarter of the timeout (at most 1 s) of it passing.
    this.sweeper = setInterval(() => this.sweep(), Math.max(10, Math.min(1_000, options.timeoutMs / 4)));
    this.sweeper.unref();
  }

  /** Sends `exchange` on a free socket (a new one if there is room), or queues it until one is free. */
  dispatch(exchange: Http1Exchange, now = performance.now()): void {
    if (this.closed) {
      exchange.onError(new Http1Error('the pool is closed', 'POOL_CLOSED'));
      return;
    }
    if (this.queueHead < this.queue.length) {
      this.queue.push(exchange);
      return;
    }
    const connection = this.freeConnection(now);
    if (connection) connection.send(exchange, now);
    else this.queue.push(exchange);
  }

  /** Requests waiting for a socket. */
  get queued(): number {
    return this.queue.length - this.queueHead;
  }

  /** Closes every socket; requests still waiting or in flight fail. */
  close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    const closing = [...this.open].map((connection) => connection.close());
    for (let next = this.nextQueued(); next; next = this.nextQueued()) next.onError(new Http1Error('the pool is closed', 'POOL_CLOSED'));
    return Promise.all(closing).then(() => undefined);
  }

  /** The request bytes for `exchange`, in `scratch` if it is large enough, else in a new buffer. */
  encode(exchange: Http1Exchange, scratch: Buffer | undefined): Buffer {
    const tail = this.tails.get(exchange.body) ?? this.addTail(exchange.body);
    const key = this.keyPrefix !== undefined && exchange.keyIndex >= 0;
    const size = this.head.length + (key ? this.keyPrefix!.length + MAX_DIGITS + 2 : 0) + tail.length;
    const out = scratch !== undefined && scratch.length >= size ? scratch : Buffer.allocUnsafeSlow(Math.max(size, 512));
    out.set(this.head, 0);
    let at = this.head.length;
    if (key) {
      out.set(this.keyPrefix!, at);
      at = writeDecimal(out, at + this.keyPrefix!.length, exchange.keyIndex);
      out[at++] = CR;
      out[at++] = LF;
    }
    out.set(tail, at);
    this.encodedLength = at + tail.length;
    return out;
  }

  /** How many bytes of its result the last `encode` filled. */
  encodedLength = 0;

  private addTail(body: Buffer): Buffer {
    const tail = Buffer.concat([Buffer.from(`content-length: ${body.length}\r\n\r\n`, 'latin1'), body]);
    this.tails.set(body, tail);
    return tail;
  }

  private freeConnection(now: number): Connection | undefined {
    for (let connection = this.idle.pop(); connection; connection = this.idle.pop()) {
      if (!connection.dead && now - connection.idleSince < connection.keepAliveMs) return connection;
      connection.close();
    }
    if (this.open.size >= this.options.connections) return undefined;
    const connection = new Connection(this, this.connect());
    this.open.add(connection);
    return connection;
  }

  private connect(): Socket {
    if (this.secure) return tlsConnect({ host: this.host, port: this.port, servername: this.servername, ALPNProtocols: ['http/1.1'] });
    return netConnect({ host: this.host, port: this.port, noDelay: true, onread: { buffer: this.readBuffer!, callback: readCallback } });
  }

  /** A socket finished its answer and may be reused: the next queued request goes on it, or it waits. */
  released(connection: Connection, now: number): void {
    const next = this.nextQueued();
    if (next) connection.send(next, now);
    else {
      connection.idleSince = now;
      this.idle.push(connection);
    }
  }

  /** A socket is gone: a queued request gets a new one. */
  removed(connection: Connection): void {
    if (!this.open.delete(connection)) return;
    const index = this.idle.indexOf(connection);
    if (index >= 0) this.idle.splice(index, 1);
    if (this.closed || this.queued === 0) return;
    const now = performance.now();
    const replacement = this.freeConnection(now);
    const next = replacement && this.nextQueued();
    if (next) replacement!.send(next, now);
    else if (replacement) this.released(replacement, now);
  }

  private nextQueued(): Http1Exchange | undefined {
    if (this.queueHead >= this.queue.length) return undefined;
    const next = this.queue[this.queueHead++];
    if (this.queueHead === this.queue.length) {
      this.queue = [];
      this.queueHead = 0;
    } else if (this.queueHead >= 1_024 && this.queueHead * 2 >= this.queue.length) {
      this.queue = this.queue.slice(this.queueHead);
      this.queueHead = 0;
    }
    return next;
  }

  /**
   * Poll before sleeping. Against a target that answers within microseconds (loopback), a client this cheap
   * drains its sockets and blocks in epoll between nearly every two answers (~0.45 sleeps per request where
   * autocannon has ~0.1), and each sleep costs a wakeup on both sides: the target's write has to wake the
   * client, the target finds fewer requests per event loop turn, and throughput falls below a slower
   * client's. So while answers come fast (at least POLL_MIN_ANSWER_RATE a second, measured by the sweep),
   * the pool keeps the event loop turning after an answer (setImmediate, so the next poll does not block)
   * until MAX_EMPTY_POLLS turns in a row bring none. An empty turn costs ~3 µs; on a slow or distant
   * target (fewer answers a second) the pool never polls.
   */
  answered(): void {
    this.answersSincePoll++;
    this.answersSinceSweep++;
    if (this.polling || !this.pollWanted) return;
    this.polling = true;
    this.emptyPolls = 0;
    setImmediate(this.pollAgain);
  }

  private answersSincePoll = 0;
  private answersSinceSweep = 0;
  private lastSweepAt = performance.now();
  private pollWanted = false;
  private polling = false;
  private emptyPolls = 0;

  private readonly pollAgain = (): void => {
    if (this.answersSincePoll > 0) {
      this.answersSincePoll = 0;
      this.emptyPolls = 0;
    } else if (++this.emptyPolls >= MAX_EMPTY_POLLS || this.closed || this.open.size === this.idle.length) {
      this.polling = false;
      return;
    }
    setImmediate(this.pollAgain);
  };

  private sweep(): void {
    const now = performance.now();
    for (const connection of this.open) connection.checkTimeout(now, this.options.timeoutMs);
    this.pollWanted = (this.answersSinceSweep * 1_000) / Math.max(1, now - this.lastSweepAt) >= POLL_MIN_ANSWER_RATE;
    this.answersSinceSweep = 0;
    this.lastSweepAt = now;
  }
}

/** `onread` calls this with the socket as `this`; each socket's Connection hangs off the socket. */
function readCallback(this: Socket, bytes: number, buffer: Buffer): boolean {
  (this as ConnectedSocket)[CONNECTION]?.data(buffer, 0, bytes);
  return true;
}

const CONNECTION = Symbol('flood.http1.connection');
type ConnectedSocket = Socket & { [CONNECTION]?: Connection };

/** One keep-alive socket and the request on it (at most one: pipelining 1). */
class Connection {
  exchange: Http1Exchange | undefined;
  idleSince = 0;
  keepAliveMs = DEFAULT_KEEP_ALIVE_MS;
  dead = false;
  private connected = false;
  private scratch: Buffer | undefined;
  private view: Buffer | undefined;
  /** When the request was written or the answer last moved. */
  private lastActivity = 0;
  // The answer being parsed.
  private status = 0;
  private body = Body.None;
  /** Body bytes still to come (Length, ChunkData), or how many of the chunk's CRLF are read (ChunkDataEnd). */
  private remaining = 0;
  private closeAfter = false;
  private keepBody = false;
  private kept: Buffer[] = [];
  /** Bytes in `kept`; -1: the body came whole in one read and `wholeBody` is what it gave. */
  private keptBytes = 0;
  private wholeBody: string | undefined;
  /** A head or chunk-size/trailer line cut by the end of a read, waiting for the rest. */
  private carry: Buffer | undefined;
  private line = '';
  private readonly closedPromise: Promise<void>;

  constructor(
    private readonly pool: Http1Pool,
    private readonly socket: Socket,
  ) {
    (socket as ConnectedSocket)[CONNECTION] = this;
    this.closedPromise = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.once(pool.readBuffer ? 'connect' : 'secureConnect', () => this.onConnect());
    if (!pool.readBuffer) socket.on('data', (chunk: Buffer) => this.data(chunk, 0, chunk.length));
    socket.on('error', (error) => this.fail(error));
    socket.on('end', () => this.onEnd());
    socket.on('close', () => this.onClose());
  }

  send(exchange: Http1Exchange, now: number): void {
    this.exchange = exchange;
    this.lastActivity = now;
    this.status = 0;
    if (this.connected) this.write(exchange, now);
  }

  private onConnect(): void {
    this.connected = true;
    if (this.exchange) this.write(this.exchange, performance.now());
  }

  private write(exchange: Http1Exchange, now: number): void {
    const scratch = this.pool.encode(exchange, this.scratch);
    const length = this.pool.encodedLength;
    // The view of the scratch buffer that is written: the same as last time while the length is (keys grow a digit at a time).
    if (scratch !== this.scratch || this.view?.length !== length) this.view = scratch.subarray(0, length);
    this.scratch = scratch;
    this.lastActivity = now;
    this.socket.write(this.view);
    // Written through to the kernel already (the usual case): the scratch buffer is free for the next request.
    if (this.socket.writableLength > 0) {
      this.scratch = undefined;
      this.view = undefined;
    }
    exchange.onWritten(now);
  }

  /** Bytes of the answer; the head is parsed when whole, then the body as its framing says. */
  data(buffer: Buffer, start: number, end: number): void {
    if (this.exchange === undefined) {
      // Nothing was asked: a server that talks out of turn is not HTTP/1.1 with pipelining 1.
      this.socket.destroy();
      return;
    }
    this.lastActivity = performance.now();
    let at = start;
    if (this.carry !== undefined && this.body === Body.None) {
      buffer = Buffer.concat([this.carry, buffer.subarray(start, end)]);
      this.carry = undefined;
      at = 0;
      end = buffer.length;
    }
    while (at < end && this.exchange !== undefined) {
      if (this.body === Body.None) {
        const headEnd = this.parseHead(buffer, at, end);
        if (headEnd < 0) {
          if (headEnd === -2) return;
          if (end - at > MAX_HEAD_BYTES) {
            this.protocolError('response head too large');
            return;
          }
          this.carry = Buffer.from(buffer.subarray(at, end));
          return;
        }
        at = headEnd;
        if (this.status >= 100 && this.status < 200) continue;
        if (this.body === Body.None) {
          this.complete(at < end);
          return;
        }
        continue;
      }
      at = this.readBody(buffer, at, end);
      if (at < 0) return;
    }
  }

  /**
   * Parses a whole head at `at`, setting status and body framing; returns where the body begins,
   * -1 if the head is not all there yet, -2 after a protocol error.
   */
  private parseHead(buffer: Buffer, at: number, end: number): number {
    // Status line: HTTP/1.x NNN ...
    const lineEnd = indexOfLF(buffer, at, end);
    if (lineEnd < 0) return -1;
    if (
      lineEnd - at < 12 ||
      buffer[at] !== 0x48 ||
      buffer[at + 1] !== 0x54 ||
      buffer[at + 2] !== 0x54 ||
      buffer[at + 3] !== 0x50 ||
      buffer[at + 4] !== 0x2f ||
      buffer[at + 8] !== 0x20
    ) {
      this.protocolError('not an HTTP/1.1 response');
      return -2;
    }
    const status = (buffer[at + 9]! - 48) * 100 + (buffer[at + 10]! - 48) * 10 + (buffer[at + 11]! - 48);
    if (!(status >= 100 && status <= 999)) {
      this.protocolError('bad status code');
      return -2;
    }
    let contentLength = -1;
    let chunked = false;
    let close = buffer[at + 7] === 0x30; // HTTP/1.0 closes unless it says keep-alive.
    let keepAliveHint = -1;
    let line = lineEnd + 1;
    for (;;) {
      if (line >= end) return -1;
      if (buffer[line] === CR || buffer[line] === LF) {
        const bodyStart = buffer[line] === CR ? line + 2 : line + 1;
        if (bodyStart > end) return -1;
        this.status = status;
        if (status < 200) return bodyStart; // 1xx: the real answer follows.
        this.startBody(status, contentLength, chunked, close, keepAliveHint);
        return bodyStart;
      }
      let colon = line;
      while (colon < end && buffer[colon] !== 0x3a && buffer[colon] !== LF) colon++;
      const next = indexOfLF(buffer, colon, end);
      if (next < 0) return -1;
      let valueStart = colon + 1;
      let valueEnd = buffer[next - 1] === CR ? next - 1 : next;
      while (valueStart < valueEnd && (buffer[valueStart] === 0x20 || buffer[valueStart] === 0x09)) valueStart++;
      while (valueEnd > valueStart && (buffer[valueEnd - 1] === 0x20 || buffer[valueEnd - 1] === 0x09)) valueEnd--;
      const nameLength = colon - line;
      if (nameLength === 14 && nameIs(buffer, line, CONTENT_LENGTH)) {
        contentLength = parseDecimal(buffer, valueStart, valueEnd);
        if (contentLength < 0) {
          this.protocolError('bad content-length');
          return -2;
        }
      } else if (nameLength === 17 && nameIs(buffer, line, TRANSFER_ENCODING)) {
        chunked = buffer.toString('latin1', valueStart, valueEnd).toLowerCase().trimEnd().endsWith('chunked');
      } else if (nameLength === 10 && nameIs(buffer, line, CONNECTION_HEADER)) {
        if (valueEnd - valueStart !== 10 || !nameIs(buffer, valueStart, KEEP_ALIVE)) {
          const tokens = buffer.toString('latin1', valueStart, valueEnd).toLowerCase();
          if (tokens.includes('close')) close = true;
          else if (tokens.includes('keep-alive')) close = false;
        } else close = false;
      } else if (nameLength === 10 && nameIs(buffer, line, KEEP_ALIVE)) {
        keepAliveHint = keepAliveTimeoutOf(buffer, valueStart, valueEnd);
      }
      line = next + 1;
    }
  }

  private startBody(status: number, contentLength: number, chunked: boolean, close: boolean, keepAliveHint: number): void {
    this.closeAfter = close;
    if (keepAliveHint >= 0) {
      this.keepAliveMs = keepAliveHint * 1_000 - KEEP_ALIVE_THRESHOLD_MS;
      if (this.keepAliveMs <= 0) this.closeAfter = true;
    }
    this.keepBody = this.exchange!.readsBody && status >= 200 && status < 300;
    if (status === 204 || status === 304) this.body = Body.None;
    else if (chunked) {
      this.body = Body.ChunkSize;
      this.line = '';
    } else if (contentLength >= 0) {
      this.body = contentLength > 0 ? Body.Length : Body.None;
      this.remaining = contentLength;
    } else {
      this.body = Body.UntilClose;
      this.closeAfter = true;
    }
    if (this.keepBody && this.body === Body.Length && contentLength > MAX_KEPT_BODY_BYTES) this.keepBody = false;
  }

  /** Reads body bytes from `at`; returns where it stopped, or -1 when the answer ended (or failed) there. */
  private readBody(buffer: Buffer, at: number, end: number): number {
    switch (this.body) {
      case Body.Length: {
        const take = Math.min(this.remaining, end - at);
        if (this.keepBody) this.keep(buffer, at, at + take, take === this.remaining && this.keptBytes === 0);
        this.remaining -= take;
        at += take;
        if (this.remaining === 0) {
          this.complete(at < end);
          return -1;
        }
        return at;
      }
      case Body.UntilClose:
        if (this.keepBody) this.keep(buffer, at, end, false);
        return end;
      case Body.ChunkSize:
      case Body.Trailers: {
        const lineEnd = indexOfLF(buffer, at, end);
        if (lineEnd < 0) {
          this.line += buffer.toString('latin1', at, end);
          if (this.line.length > MAX_HEAD_BYTES) this.protocolError('chunk line too long');
          return end;
        }
        const text = (this.line + buffer.toString('latin1', at, lineEnd)).replace(/\r$/, '');
        this.line = '';
        at = lineEnd + 1;
        if (this.body === Body.Trailers) {
          if (text === '') {
            this.complete(at < end);
            return -1;
          }
          return at;
        }
        const size = Number.parseInt(text.split(';')[0]!.trim(), 16);
        if (!Number.isSafeInteger(size) || size < 0 || !/^[0-9a-fA-F]+$/.test(text.split(';')[0]!.trim())) {
          this.protocolError('bad chunk size');
          return -1;
        }
        if (size === 0) this.body = Body.Trailers;
        else {
          this.body = Body.ChunkData;
          this.remaining = size;
        }
        return at;
      }
      case Body.ChunkData: {
        const take = Math.min(this.remaining, end - at);
        if (this.keepBody) this.keep(buffer, at, at + take, false);
        this.remaining -= take;
        at += take;
        if (this.remaining === 0) {
          this.body = Body.ChunkDataEnd;
          this.remaining = 0;
        }
        return at;
      }
      case Body.ChunkDataEnd: {
        // The CRLF after a chunk's data (a bare LF is taken too).
        if (buffer[at] === CR && this.remaining === 0) {
          this.remaining = 1;
          return at + 1;
        }
        if (buffer[at] !== LF) {
          this.protocolError('chunk data not followed by CRLF');
          return -1;
        }
        this.body = Body.ChunkSize;
        this.line = '';
        return at + 1;
      }
      default:
        return end;
    }
  }

  /** Keeps body bytes for the requestId scan; `whole`: they are the entire body, scanned in place. */
  private keep(buffer: Buffer, start: number, end: number, whole: boolean): void {
    if (whole) {
      this.keptBytes = -1;
      this.wholeBody = hasRequestIdField(buffer, start, end) ? buffer.toString('utf8', start, end) : undefined;
      return;
    }
    if (this.keptBytes + end - start > MAX_KEPT_BODY_BYTES) {
      this.keepBody = false;
      this.kept = [];
      return;
    }
    this.kept.push(Buffer.from(buffer.subarray(start, end)));
    this.keptBytes += end - start;
  }

  /** The answer is whole: frees the socket (or closes it) before telling the exchange, which may send again. */
  private complete(moreBytes: boolean): void {
    const exchange = this.exchange!;
    // Read before the socket is released: releasing may send the next queued request on it.
    const { status } = this;
    let body: string | undefined;
    if (this.keepBody) {
      if (this.keptBytes === -1) body = this.wholeBody;
      else if (this.keptBytes > 0) {
        const bytes = Buffer.concat(this.kept);
        body = hasRequestIdField(bytes, 0, bytes.length) ? bytes.toString('utf8') : undefined;
      }
    }
    this.wholeBody = undefined;
    this.keepBody = false;
    if (this.kept.length > 0) this.kept = [];
    this.keptBytes = 0;
    this.body = Body.None;
    this.exchange = undefined;
    const now = this.lastActivity;
    // Bytes after the answer were not asked for (pipelining 1): the socket cannot be trusted with another request.
    if (this.closeAfter || moreBytes || this.dead) this.close();
    else this.pool.released(this, now);
    this.pool.answered();
    exchange.onAnswer(status, body);
  }

  checkTimeout(now: number, timeoutMs: number): void {
    if (this.exchange === undefined || now - this.lastActivity < timeoutMs) return;
    const waitingForHead = this.body === Body.None;
    this.fail(
      waitingForHead
        ? new Http1Error(`no answer within ${timeoutMs} ms`, 'HEADERS_TIMEOUT')
        : new Http1Error(`answer body stalled for ${timeoutMs} ms`, 'BODY_TIMEOUT'),
    );
  }

  private protocolError(message: string): void {
    this.fail(new Http1Error(message, 'HTTP_PARSE_ERROR'));
  }

  private onEnd(): void {
    // A body framed by the close ends here; anything else in flight is cut short (onClose fails it).
    if (this.exchange !== undefined && this.body === Body.UntilClose) this.complete(false);
  }

  private onClose(): void {
    this.fail(new Http1Error('other side closed', 'SOCKET_CLOSED'));
  }

  /** The socket is unusable: the request on it (if any) fails with `error`, and the pool forgets it. */
  private fail(error: Error): void {
    const { exchange } = this;
    this.exchange = undefined;
    this.body = Body.None;
    this.carry = undefined;
    this.kept = [];
    this.keptBytes = 0;
    this.wholeBody = undefined;
    this.close();
    if (exchange) exchange.onError(error);
  }

  /** Ends the socket (it may already be gone) and takes it out of the pool. */
  close(): Promise<void> {
    if (!this.dead) {
      this.dead = true;
      this.socket.destroy();
      this.pool.removed(this);
    }
    return this.closedPromise;
  }
}

const codes = (text: string) => Array.from(text, (char) => char.charCodeAt(0));
// Header names and tokens in lower case: nameIs folds the received bytes' ASCII case.
const CONTENT_LENGTH = codes('content-length');
const TRANSFER_ENCODING = codes('transfer-encoding');
const CONNECTION_HEADER = codes('connection');
const KEEP_ALIVE = codes('keep-alive');
const TIMEOUT = codes('timeout');
/** Matched case-sensitively, as JSON keys are. */
const REQUEST_ID_FIELD = codes('"requestId"');

/** Whether the bytes at `at` spell `name` (lower-case codes), ignoring ASCII case. */
function nameIs(buffer: Buffer, at: number, name: number[]): boolean {
  for (let i = 0; i < name.length; i++) if ((buffer[at + i]! | 0x20) !== name[i]) return false;
  return true;
}

/** Whether `"requestId"` occurs in buffer[start, end): only such a body is turned into a string. */
export function hasRequestIdField(buffer: Uint8Array, start: number, end: number): boolean {
  const last = end - REQUEST_ID_FIELD.length;
  outer: for (let i = start; i <= last; i++) {
    if (buffer[i] !== 0x22) continue;
    for (let j = 1; j < REQUEST_ID_FIELD.length; j++) if (buffer[i + j] !== REQUEST_ID_FIELD[j]) continue outer;
    return true;
  }
  return false;
}

/** A non-negative decimal in buffer[start, end), or -1. */
function parseDecimal(buffer: Buffer, start: number, end: number): number {
  if (start >= end || end - start > 15) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = buffer[i]! - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** The first LF in buffer[start, end), or -1. */
function indexOfLF(buffer: Buffer, start: number, end: number): number {
  for (let i = start; i < end; i++) if (buffer[i] === LF) return i;
  return -1;
}

/** `timeout=N` of a Keep-Alive header (`timeout=5`, `timeout=5, max=100`), in seconds; -1 without one. */
export function keepAliveTimeoutOf(buffer: Buffer, start: number, end: number): number {
  for (let i = start; i + TIMEOUT.length <= end; i++) {
    if (!nameIs(buffer, i, TIMEOUT) || (i > start && buffer[i - 1] !== 0x20 && buffer[i - 1] !== 0x2c && buffer[i - 1] !== 0x3b)) continue;
    let at = i + TIMEOUT.length;
    while (at < end && buffer[at] === 0x20) at++;
    if (buffer[at] !== 0x3d) continue;
    at++;
    while (at < end && buffer[at] === 0x20) at++;
    let digitsEnd = at;
    while (digitsEnd < end && buffer[digitsEnd]! >= 48 && buffer[digitsEnd]! <= 57) digitsEnd++;
    return parseDecimal(buffer, at, digitsEnd);
  }
  return -1;
}

/** Writes the decimal digits of a non-negative integer at `at`; returns the index after them. */
export function writeDecimal(buffer: Uint8Array, at: number, value: number): number {
  let digits = 1;
  for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
  let i = at + digits;
  let rest = value;
  do {
    buffer[--i] = 48 + (rest % 10);
    rest = Math.floor(rest / 10);
  } while (rest > 0);
  return at + digits;
}
