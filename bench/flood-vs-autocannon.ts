/**
 * How fast is flood's closed model next to autocannon, measured in the same run against the same server?
 *   npm run bench:flood -- [--connections 50] [--duration 10] [--rounds 1] [--server canned|node-http]
 * The server runs in a child process so it does not share the load generators' event loop. By default it answers
 * with canned bytes, cheaper per request than either generator, so that req/s measures the generators, not the server.
 * On a shared machine, --rounds N alternates the order of the two tools so drift in the neighbours' load hits both;
 * the verdict is the median of the rounds' ratios.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { cpuSeconds, median } from './lib.js';
import { runLoad } from '../src/flood/load.js';
import { REQUEST_TIMEOUT_MS } from '../src/flood/options.js';

/** Issue 15: flood sends at least as many requests per second as autocannon... */
const TARGET_RATE_RATIO = 1.0;
/** ...and spends at most as much CPU on each (median of the rounds' ratios, each round measured under the same neighbours). */
const TARGET_CPU_RATIO = 1.0;
/** A short unmeasured run of each first, so neither is measured while V8 is still compiling it. */
const WARM_UP_SECONDS = 1;

/** What both servers answer every request with, and how each starts and ends (a child of this process, on a free port). */
const ANSWER_BODY = '{"status":"queued"}';
const EXIT_WITH_BENCH = "process.stdin.on('close', () => process.exit()).resume(); // the bench went away";
const LISTEN = ".listen(0, '127.0.0.1', function () { process.stdout.write(String(this.address().port) + '\\n'); });";

/** node:http's server: what an HTTP API on Node costs per request. Both tools saturate it at ~40k req/s here. */
const NODE_HTTP_SERVER = `
${EXIT_WITH_BENCH}
const http = require('node:http');
const answer = Buffer.from(${JSON.stringify(ANSWER_BODY)});
http.createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json', 'content-length': answer.length }).end(answer));
})${LISTEN}
`;

/**
 * A canned answer per request: it finds each request's end (the blank line, then Content-Length bytes; both tools
 * send Content-Length, never chunked bodies) and writes one fixed response, at about half of node:http's cost.
 */
const CANNED_SERVER = `
${EXIT_WITH_BENCH}
const net = require('node:net');
const body = ${JSON.stringify(ANSWER_BODY)};
const answer = Buffer.from('HTTP/1.1 200 OK\\r\\ncontent-type: application/json\\r\\ncontent-length: ' + Buffer.byteLength(body) + '\\r\\n\\r\\n' + body);
const LENGTH = /\\r\\ncontent-length: *(\\d+)/i;
const NOTHING = Buffer.alloc(0);
net.createServer({ noDelay: true }, (socket) => {
  let rest = NOTHING;
  // A load generator that ends its run resets its connections.
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk) => {
    let buffer = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    let answers = 0;
    for (;;) {
      const end = buffer.indexOf('\\r\\n\\r\\n');
      if (end < 0) break;
      const length = Number(LENGTH.exec(buffer.latin1Slice(0, end))?.[1] ?? 0);
      if (buffer.length < end + 4 + length) break;
      buffer = buffer.subarray(end + 4 + length);
      answers += 1;
    }
    // A part of a request waits for the rest in a copy of its own (the chunk's memory is the socket's to reuse).
    rest = buffer.length > 0 ? Buffer.from(buffer) : NOTHING;
    if (answers > 0) socket.write(answers === 1 ? answer : Buffer.concat(Array(answers).fill(answer)));
  });
})${LISTEN}
`;
const SERVERS = { canned: CANNED_SERVER, 'node-http': NODE_HTTP_SERVER } as const;

interface AutocannonResult {
  duration: number;
  requests: { total: number };
  errors: number;
  non2xx: number;
}
type Autocannon = (options: Record<string, unknown>, done: (error: Error | null, result: AutocannonResult) => void) => unknown;
// autocannon ships no types; this is the one call the bench makes.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/**
 * The bytes of a flood request: flood sends an Idempotency-Key per request (`flood-<8 hex>-<index>`), so
 * autocannon sends one of the same length (a 6-digit index, as in a 10 s run). It is a constant for autocannon:
 * the cost of building a key per request stays flood's. The requests differ in one line: autocannon always adds
 * `Connection: keep-alive`, which flood leaves out (HTTP/1.1's default; see src/flood/http1.ts).
 */
const AUTOCANNON_IDEMPOTENCY_KEY = 'flood-00000000-100000';

interface Measurement {
  name: string;
  requests: number;
  seconds: number;
  cpuMs: number;
  errors: number;
  /** CPU seconds of the server during the run: at ~1 per second of run, the server, not the tool, set the pace. */
  serverCpuSeconds: number;
}

async function startServer(source: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['-e', source], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  return { child, url: `http://127.0.0.1:${chunk.toString().trim()}` };
}

async function measure(name: string, serverPid: number, run: () => Promise<{ requests: number; seconds: number; errors: number }>): Promise<Measurement> {
  const serverBefore = await cpuSeconds(serverPid);
  const before = process.cpuUsage();
  const outcome = await run();
  const cpu = process.cpuUsage(before);
  const serverCpuSeconds = (await cpuSeconds(serverPid)).own - serverBefore.own;
  return { name, ...outcome, cpuMs: (cpu.user + cpu.system) / 1_000, serverCpuSeconds };
}

function total(name: string, rounds: Measurement[]): Measurement {
  const sum = (pick: (m: Measurement) => number) => rounds.reduce((acc, m) => acc + pick(m), 0);
  return {
    name,
    requests: sum((m) => m.requests),
    seconds: sum((m) => m.seconds),
    cpuMs: sum((m) => m.cpuMs),
    errors: sum((m) => m.errors),
    serverCpuSeconds: sum((m) => m.serverCpuSeconds),
  };
}

function runAutocannon(url: string, connections: number, seconds: number) {
  return new Promise<{ requests: number; seconds: number; errors: number }>((resolve, reject) => {
    autocannon(
      {
        url: `${url}/prod/api/book-bus`,
        method: 'POST',
        connections,
        duration: seconds,
        headers: { 'content-type': 'application/json', 'idempotency-key': AUTOCANNON_IDEMPOTENCY_KEY },
        body: JSON.stringify({ tripId: 'seoul-busan', seats: 1, passenger: 'flood' }),
      },
      (error, result) =>
        error ? reject(error) : resolve({ requests: result.requests.total, seconds: result.duration, errors: result.errors + result.non2xx }),
    );
  });
}

async function runFlood(url: string, connections: number, seconds: number) {
  const result = await runLoad({
    apiUrl: `${url}/prod`,
    model: 'closed',
    connections,
    durationMs: seconds * 1_000,
    tripIds: ['seoul-busan'],
    duplicates: 0,
    invalid: 0,
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
  });
  return { requests: result.counts.answered, seconds: result.elapsedMs / 1_000, errors: result.counts.errors + result.counts.answered - result.counts.s2xx };
}

const rateOf = (m: Measurement) => m.requests / m.seconds;
const cpuPerRequestOf = (m: Measurement) => m.cpuMs / m.requests;

function verdict(label: string, ratio: number, ok: boolean, target: string): string {
  return `${label} ${ratio.toFixed(2)}x (target ${target}) ${ok ? 'OK' : 'MISS'}`;
}

function describe(measurement: Measurement): string {
  const rate = measurement.requests / measurement.seconds;
  const cpuPerThousand = (measurement.cpuMs / measurement.requests) * 1_000;
  return (
    `${measurement.name.padEnd(10)} ${rate.toFixed(0).padStart(8)} req/s  ${String(measurement.requests).padStart(8)} requests in ${measurement.seconds.toFixed(2)} s  ` +
    `CPU ${cpuPerThousand.toFixed(1)} ms per 1,000 requests  errors ${measurement.errors}  server busy ${((100 * measurement.serverCpuSeconds) / measurement.seconds).toFixed(0)}%`
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      connections: { type: 'string', default: '50' },
      duration: { type: 'string', default: '10' },
      rounds: { type: 'string', default: '1' },
      server: { type: 'string', default: 'canned' },
    },
  });
  const connections = Number(values.connections);
  const seconds = Number(values.duration);
  const kind = values.server as keyof typeof SERVERS;
  if (!Object.hasOwn(SERVERS, kind)) throw new Error(`--server takes ${Object.keys(SERVERS).join(' or ')}, not '${values.server}'`);
  const server = await startServer(SERVERS[kind]);
  try {
    await runAutocannon(server.url, connections, WARM_UP_SECONDS);
    await runFlood(server.url, connections, WARM_UP_SECONDS);
    const references: Measurement[] = [];
    const floods: Measurement[] = [];
    console.log(`closed model, ${connections} connections, ${seconds} s per run, ${kind} server in a child process`);
    for (let round = 1; round <= Number(values.rounds); round++) {
      const runReference = async () => references.push(await measure('autocannon', server.child.pid!, () => runAutocannon(server.url, connections, seconds)));
      const runOwn = async () => floods.push(await measure('flood', server.child.pid!, () => runFlood(server.url, connections, seconds)));
      // Every other round flood goes first, so neither tool always inherits the other's leftovers.
      for (const run of round % 2 === 1 ? [runReference, runOwn] : [runOwn, runReference]) await run();
      const [reference, flood] = [references.at(-1)!, floods.at(-1)!];
      console.log(
        `round ${round}\n  ${describe(reference)}\n  ${describe(flood)}\n  ` +
          `flood/autocannon: req/s ${(rateOf(flood) / rateOf(reference)).toFixed(2)}x, CPU per request ${(cpuPerRequestOf(flood) / cpuPerRequestOf(reference)).toFixed(2)}x`,
      );
    }
    const reference = total('autocannon', references);
    const flood = total('flood', floods);
    // Each round's ratio compares the two tools under the same neighbours; the median drops a round a neighbour spoilt.
    const rateRatio = median(floods.map((f, i) => rateOf(f) / rateOf(references[i]!)));
    const cpuRatio = median(floods.map((f, i) => cpuPerRequestOf(f) / cpuPerRequestOf(references[i]!)));
    console.log(`all rounds\n  ${describe(reference)}\n  ${describe(flood)}`);
    console.log(`median of the rounds, flood/autocannon:`);
    console.log(`  ${verdict('req/s          ', rateRatio, rateRatio >= TARGET_RATE_RATIO, `>= ${TARGET_RATE_RATIO.toFixed(1)}`)}`);
    console.log(`  ${verdict('CPU per request', cpuRatio, cpuRatio <= TARGET_CPU_RATIO, `<= ${TARGET_CPU_RATIO.toFixed(1)}`)}`);
  } finally {
    server.child.kill();
  }
}

await main();
