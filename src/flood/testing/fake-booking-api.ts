import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

/** One request as the fake API saw it. */
export interface SeenRequest {
  path: string;
  idempotencyKey?: string;
  body: string;
  status: number;
  requestId?: string;
}

export interface FakeBookingApi {
  /** Invoke URL with a stage path, like API Gateway's. */
  apiUrl: string;
  seen: SeenRequest[];
  stop(): Promise<void>;
}

const STAGE = '/prod';
const MAX_SEATS = 4;

/**
 * A stand-in for POST /api/book-bus that answers like the producer Lambda: 400 for malformed JSON,
 * unknown trips and seats outside 1..4, 200 {status:"queued", requestId} otherwise, and the same
 * requestId again for a repeated Idempotency-Key. It records every request for the tests to compare.
 */
export async function startFakeBookingApi(tripIds: string[], delayMs = 0): Promise<FakeBookingApi> {
  const seen: SeenRequest[] = [];
  const requestIdsByKey = new Map<string, string>();
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const idempotencyKey = req.headers['idempotency-key'] as string | undefined;
    const answer = req.method === 'POST' && req.url === `${STAGE}/api/book-bus` ? book(body, idempotencyKey) : { status: 404, json: { error: 'not found' } };
    seen.push({ path: req.url ?? '', idempotencyKey, body, status: answer.status, requestId: answer.json.requestId });
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.json));
  });

  function book(body: string, idempotencyKey: string | undefined): { status: number; json: { requestId?: string; error?: string; status?: string } } {
    let parsed: { tripId?: unknown; seats?: unknown };
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      return { status: 400, json: { error: 'body is not JSON' } };
    }
    if (parsed.tripId !== undefined && !tripIds.includes(parsed.tripId as string)) return { status: 400, json: { error: 'unknown trip' } };
    const seats = parsed.seats ?? 1;
    if (!Number.isInteger(seats) || (seats as number) < 1 || (seats as number) > MAX_SEATS) return { status: 400, json: { error: 'seats must be 1..4' } };
    const requestId = (idempotencyKey && requestIdsByKey.get(idempotencyKey)) || randomUUID();
    if (idempotencyKey) requestIdsByKey.set(idempotencyKey, requestId);
    return { status: 200, json: { status: 'queued', requestId } };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}${STAGE}`,
    seen,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}
