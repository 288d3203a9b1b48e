// What one AWS SDK v3 call costs the Lambda that makes it, apart from any server: the Lambdas' own
// clients and request builders (createBooking, enqueue, settleTogether) against a trivial local server
// that answers each call with the smallest valid response, next to a bare node:http POST of the same
// size (the reference, measured in the same run). From that it prints the ceiling those calls alone put
// on the pipeline: a booking costs the producer two calls and the consumer a tenth of one.
//
// Run: npm run bench:sdk -- [--calls 3000] [--json]   (--json: one line of figures, for bench:pipeline)
// bench:pipeline runs it on the Node of the Lambdas' runtime (sdkFloor in bench/lib.ts), so the floor and
// the pipeline are measured on the same Node, in the same run.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { printTable } from './lib.js';
import type { BookingMessage } from '../lambdas/domain/booking.js';

const { values: flags } = parseArgs({ options: { calls: { type: 'string', default: '3000' }, json: { type: 'boolean', default: false } } });
const CALLS = Number(flags.calls);
/** Unmeasured calls first: the SDK's code is still being optimised over its first thousand or so calls. */
const WARM_UP_CALLS = 3000;
const BATCH_SIZE = 10;

// Answers DynamoDB's JSON protocol with {} (a committed transaction) and SendMessage with the
// MD5OfMessageBody the SQS client checks, as SQS would.
const SERVER_SOURCE = `
const http = require('node:http');
const { createHash } = require('node:crypto');
http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let body = '{}';
    if (String(req.headers['x-amz-target']).endsWith('SendMessage')) {
      const md5 = createHash('md5').update(JSON.parse(Buffer.concat(chunks).toString()).MessageBody).digest('hex');
      body = JSON.stringify({ MessageId: 'bench', MD5OfMessageBody: md5 });
    }
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'bench' }).end(body);
  });
}).listen(0, '127.0.0.1', function () { process.stdout.write(String(this.address().port) + '\\n'); });
`;

const server = spawn(process.execPath, ['-e', SERVER_SOURCE], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = Number(String((await once(server.stdout!, 'data'))[0]).trim());
// The Lambdas' clients read these, as in a Lambda environment (middleware stack cached per command).
Object.assign(process.env, {
  AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
  AWS_ACCESS_KEY_ID: 'ASIABENCH',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SESSION_TOKEN: 'bench',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
});
const { dynamodb } = await import('../lambdas/lib/aws/dynamodb.js');
const { sqs } = await import('../lambdas/lib/aws/sqs.js');
const { createBooking } = await import('../lambdas/lib/bookings.js');
const { enqueue } = await import('../lambdas/lib/queue.js');
const { settleTogether } = await import('../lambdas/lib/settle.js');
const { SoldOutHints } = await import('../lambdas/lib/sold-out-hints.js');
const { MESSAGE_VERSION } = await import('../lambdas/domain/booking.js');

const REGION = 'ap-northeast-2';
const TABLE = 'aram-stats';
const QUEUE_URL = `http://127.0.0.1:${port}/000000000000/aram-queue`;
let serial = 0;
const message = (): BookingMessage => ({
  v: MESSAGE_VERSION,
  requestId: `bench-${process.pid}-${serial++}`,
  tripId: 'seoul-busan-1',
  seats: 1,
  passenger: 'anonymous',
  acceptedAt: new Date().toISOString(),
});

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

const hints = new SoldOutHints();
const calls: [string, () => Promise<unknown>][] = [
  ['node:http POST (reference)', rawPost],
  ['producer: createBooking (TransactWriteItems, 2 items)', () => createBooking(dynamodb(REGION), TABLE, message(), { shard: 0, sendBy: Date.now() })],
  ['producer: enqueue (SendMessage)', () => enqueue(sqs(REGION), QUEUE_URL, message())],
  [
    `consumer: settleTogether (${BATCH_SIZE} bookings, ${BATCH_SIZE + 2} items)`,
    () => settleTogether(dynamodb(REGION), TABLE, Array.from({ length: BATCH_SIZE }, message), hints),
  ],
];

/** CPU microseconds of this process per call (user + system), calls made one after another. */
async function cpuPerCall(call: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < WARM_UP_CALLS; i++) await call();
  const before = process.cpuUsage();
  for (let i = 0; i < CALLS; i++) await call();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / CALLS;
}

const costs = new Map<string, number>();
for (const [name, call] of calls) costs.set(name, await cpuPerCall(call));
server.kill();

const [reference, producerWrite, producerSend, consumerBatch] = [...costs.values()];
const perBooking = producerWrite + producerSend + consumerBatch / BATCH_SIZE;
if (flags.json) {
  console.log(JSON.stringify({ node: process.version, referenceUs: reference, perBookingUs: perBooking }));
  process.exit(0);
}
const cores = availableParallelism();
printTable(
  `bench/sdk-call-cost: CPU of the calling process per call, ${CALLS} calls each, Node ${process.version}`,
  [...costs].map(([name, us], i) => [name, `${us.toFixed(0)} µs`, i === 0 ? '' : `${(us / reference).toFixed(1)} x the bare POST`]),
);
printTable('what that leaves for the pipeline', [
  ['SDK CPU per booking', `${perBooking.toFixed(0)} µs`, 'two producer calls + a tenth of a consumer batch, clients only'],
  [
    'ceiling on this machine',
    `${Math.floor((cores * 1e6) / perBooking)} /s`,
    `${cores} cores doing nothing but these calls: no server, no API, no load generator`,
  ],
]);
