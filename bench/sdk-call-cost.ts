// What one AWS SDK v3 call costs the Lambda that makes it, apart from any server: the Lambdas' own
// clients and request builders (createBooking, enqueue, settleTogether) against a trivial local server
// that answers each call with the smallest valid response, next to a bare node:http POST of the same
// size (the reference, measured in the same run). From that it prints the ceiling those calls alone put
// on the pipeline: a booking costs the producer two calls and the consumer a tenth of one. It also prints
// what the trivial server spends answering the same calls: the least any server adds to the floor.
//
// Run: npm run bench:sdk -- [--calls 3000] [--json]   (--json: one line of figures, for bench:pipeline)
// bench:pipeline runs it on the Node of the Lambdas' runtime (sdkFloor in bench/lib.ts), so the floor and
// the pipeline are measured on the same Node, in the same run.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { cpuSeconds, printTable } from './lib.js';
import { bookingMessage, lambdaCalls, TABLE } from './trivial-aws.js';
import { projectPath } from '../src/paths.js';
import { BATCH_SIZE } from '../lambdas/domain/contract.js';

const { values: flags } = parseArgs({ options: { calls: { type: 'string', default: '3000' }, json: { type: 'boolean', default: false } } });
const CALLS = Number(flags.calls);
/** Unmeasured calls first: the SDK's code is still being optimised over its first thousand or so calls. */
const WARM_UP_CALLS = 3000;

const server = spawn(process.execPath, ['--import', 'tsx', projectPath('bench', 'trivial-aws-server.ts')], { stdio: ['pipe', 'pipe', 'inherit'] });
const port = Number(String((await once(server.stdout!, 'data'))[0]).trim());
const lambda = await lambdaCalls(`http://127.0.0.1:${port}`, 'bench');

let serial = 0;
const message = () => bookingMessage(`bench-${process.pid}-${serial++}`);

const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const rawBody = Buffer.from(JSON.stringify({ TransactItems: [{ Put: { TableName: TABLE, Item: { id: { S: 'booking#x'.padEnd(300, 'x') } } } }] }));
/** The reference: a keep-alive POST with a body of a producer call's size, answered by the same server. */
const rawPost = () =>
  new Promise<void>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/',
        agent,
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.TransactWriteItems' },
      },
      (res) => {
        res.resume();
        res.on('end', resolve);
      },
    );
    req.on('error', reject);
    req.end(rawBody);
  });

const calls: [string, () => Promise<unknown>][] = [
  ['node:http POST (reference)', rawPost],
  ['producer: createBooking (TransactWriteItems, 2 items)', () => lambda.createBooking(message())],
  ['producer: enqueue (SendMessage)', () => lambda.enqueue(message())],
  [`consumer: settleTogether (${BATCH_SIZE} bookings, ${BATCH_SIZE + 2} items)`, () => lambda.settle(Array.from({ length: BATCH_SIZE }, message))],
];

interface CallCost {
  /** CPU microseconds of this process (the client) per call, user + system. */
  clientUs: number;
  /** CPU microseconds of the trivial server per call (from /proc, in 10 ms ticks: a few % over thousands of calls). */
  serverUs: number;
}

/** What one call costs each side, calls made one after another. */
async function cpuPerCall(call: () => Promise<unknown>): Promise<CallCost> {
  for (let i = 0; i < WARM_UP_CALLS; i++) await call();
  const before = process.cpuUsage();
  const serverBefore = await cpuSeconds(server.pid!);
  for (let i = 0; i < CALLS; i++) await call();
  const used = process.cpuUsage(before);
  const serverAfter = await cpuSeconds(server.pid!);
  return { clientUs: (used.user + used.system) / CALLS, serverUs: ((serverAfter.own - serverBefore.own) * 1e6) / CALLS };
}

const costs = new Map<string, CallCost>();
for (const [name, call] of calls) costs.set(name, await cpuPerCall(call));
server.kill();

const [reference, producerWrite, producerSend, consumerBatch] = [...costs.values()];
/** A booking's share of the calls: the producer's two and a tenth of a consumer batch. */
const perBooking = (side: keyof CallCost) => producerWrite[side] + producerSend[side] + consumerBatch[side] / BATCH_SIZE;
if (flags.json) {
  console.log(
    JSON.stringify({
      node: process.version,
      referenceUs: reference.clientUs,
      perBookingUs: perBooking('clientUs'),
      serverPerBookingUs: perBooking('serverUs'),
    }),
  );
  process.exit(0);
}
const cores = availableParallelism();
printTable(
  `bench/sdk-call-cost: CPU of the calling process per call, ${CALLS} calls each, Node ${process.version}`,
  [...costs].map(([name, { clientUs, serverUs }], i) => [
    name,
    `${clientUs.toFixed(0)} µs`,
    `${i === 0 ? '' : `${(clientUs / reference.clientUs).toFixed(1)} x the bare POST; `}the trivial server ${serverUs.toFixed(0)} µs`,
  ]),
);
printTable('what that leaves for the pipeline', [
  ['SDK CPU per booking', `${perBooking('clientUs').toFixed(0)} µs`, 'two producer calls + a tenth of a consumer batch, clients only'],
  [
    'a trivial server for them',
    `${perBooking('serverUs').toFixed(0)} µs`,
    `${(perBooking('serverUs') / perBooking('clientUs')).toFixed(2)} x the SDK CPU: answering the same calls, storing nothing`,
  ],
  [
    'ceiling on this machine',
    `${Math.floor((cores * 1e6) / perBooking('clientUs'))} /s`,
    `${cores} cores doing nothing but these calls: no server, no API, no load generator`,
  ],
]);
