// Preloaded into CLI child processes (NODE_OPTIONS=--import): any connection or DNS look-up beyond
// loopback is refused and written to $NETWORK_GUARD_LOG, so a test can prove nothing left the machine.
import dns from 'node:dns';
import { appendFileSync } from 'node:fs';
import net from 'node:net';

const LOG = process.env.NETWORK_GUARD_LOG;
const isLoopback = (host) => host === undefined || host === 'localhost' || /^127\./.test(host) || host === '::1' || host === '[::1]';

function record(host, port) {
  if (LOG) appendFileSync(LOG, `${host}:${port}\n`);
  return new Error(`network guard: ${host}:${port} is beyond loopback`);
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const opts = typeof first === 'object' && first !== null ? first : { port: first, host: typeof args[1] === 'string' ? args[1] : undefined };
  if (!opts.path && !isLoopback(opts.host)) {
    const err = record(opts.host, opts.port);
    process.nextTick(() => this.destroy(err));
    return this;
  }
  return connect.apply(this, args);
};

const lookup = dns.lookup;
dns.lookup = function guardedLookup(host, ...rest) {
  if (isLoopback(host)) return lookup.call(this, host, ...rest);
  const callback = rest[rest.length - 1];
  const err = record(host, 'dns');
  process.nextTick(() => callback(err));
};
const lookupPromise = dns.promises.lookup;
dns.promises.lookup = async function guardedLookupPromise(host, ...rest) {
  if (isLoopback(host)) return lookupPromise.call(this, host, ...rest);
  throw record(host, 'dns');
};
