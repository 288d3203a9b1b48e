import { createServer } from 'node:net';
import { LOOPBACK } from '../localcloud/core/constants.js';

/** Ports tried after the first before giving up on a suggestion. */
const PORTS_TRIED = 50;

const isFree = (port: number, host: string) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });

/** The first port from `from` on that nothing listens on now, so a hint never suggests a taken one. */
export async function freePortFrom(from: number, host = LOOPBACK): Promise<number | undefined> {
  for (let port = from; port < Math.min(from + PORTS_TRIED, 65_536); port++) if (await isFree(port, host)) return port;
  return undefined;
}
