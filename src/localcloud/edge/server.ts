import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toAwsError } from '../core/errors.js';
import { requestId as newRequestId } from '../core/ids.js';
import { toEdgeRequest } from '../core/request.js';
import { restJson } from '../core/protocols/index.js';
import type { CallContext, CloudContext, ServicePlugin } from '../core/types.js';
import { ACCOUNT_ID, DEFAULT_REGION } from '../core/constants.js';
import { routeRequest } from './route.js';
import { createFaultInjector } from './faults.js';

export const HEALTH_PATH = '/_localcloud/health';
/**
 * Node refuses headers past 16 KiB with a bodiless 431 before any service sees them; a service (an API's
 * function: the producer's 400 for an overlong Idempotency-Key) gives the reason instead. Past this, the
 * edge answers 431 with a JSON reason itself.
 */
export const MAX_HEADER_BYTES = 64 * 1024;
const HEADER_OVERFLOW = 'HPE_HEADER_OVERFLOW';

export interface Edge {
  server: Server;
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

/** The one HTTP listener of the embedded cloud: reads the body, picks the service, serializes errors. */
export function createEdge(cloud: CloudContext, plugins: ServicePlugin[], health: () => unknown): Edge {
  const bySigningName = new Map<string, ServicePlugin>();
  for (const p of plugins) for (const name of p.signingNames) bySigningName.set(name, p);
  const injectFault = createFaultInjector(cloud.options.faults, cloud.options.verbose ? (line) => process.stderr.write(line) : undefined);

  async function handle(raw: IncomingMessage, res: ServerResponse) {
    const requestId = newRequestId();
    if (raw.url === HEALTH_PATH) {
      restJson.reply(res, 200, health(), requestId);
      return;
    }
    let plugin: ServicePlugin | undefined;
    try {
      const req = await toEdgeRequest(raw);
      plugin = routeRequest(req, bySigningName, plugins);
      if (!plugin) {
        const service = req.scope?.service ?? 'unknown';
        restJson.error(res, toAwsError(new Error(`Service '${service}' is not provided by the embedded cloud`)), requestId);
        return;
      }
      const ctx: CallContext = {
        requestId,
        region: req.scope?.region ?? DEFAULT_REGION,
        accountId: ACCOUNT_ID,
        principal: cloud.principalFor(req.scope?.accessKeyId),
        cloud,
      };
      if (cloud.options.verbose) process.stderr.write(`${req.method} ${req.path} -> ${plugin.signingNames[0]}\n`);
      injectFault?.(req, ctx);
      await plugin.handle(req, res, ctx);
    } catch (err) {
      const awsError = toAwsError(err);
      if (awsError.status >= 500 && cloud.options.verbose) console.error(err);
      (plugin?.protocol ?? restJson).error(res, awsError, requestId);
    }
  }

  const server = createServer({ keepAliveTimeout: 65_000, maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => void handle(req, res));
  server.headersTimeout = 66_000;
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (err.code !== HEADER_OVERFLOW || !socket.writable) return void socket.destroy();
    const body = JSON.stringify({ message: `Request Header Fields Too Large: headers may be at most ${MAX_HEADER_BYTES} bytes` });
    socket.end(
      `HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
