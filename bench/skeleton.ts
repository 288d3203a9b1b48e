// The least the pipeline's shape can cost (issue 15): its processes and crossings with nothing stored. A cloud
// process (node:http) takes the flood's POSTs and invokes a producer worker process over IPC, one invocation at
// a time as a Lambda environment takes them; the worker makes the Lambdas' two real SDK calls (createBooking,
// enqueue) back to the cloud, which answers them as bench:sdk's trivial server does and hands every tenth
// message to a consumer worker (settleTogether). No DynamoDB or SQS engine, no event source mapping, no logs,
// no runtime bootstrap, no validation. Prints CPU per booking (cloud + workers) against the SDK floor of the
// same round, as bench:pipeline does: what is left between the two ratios is what the real services cost.
//
// The workers start with the node flags and malloc arenas of the cloud's Lambda worker processes. As in
// bench:pipeline, the measured flood meets cold processes unless --warm-up floods that many first, unmeasured.
//
// Run: npm run bench:skeleton -- [--requests 10000] [--connections 32] [--rounds 1] [--warm-up 0]
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cpuSeconds, lambdasNode, median, parseWarmUp, sdkFloor, treeCpuSeconds } from './lib.js';
import { bookingMessage, lambdaCalls, sendMessageAnswer, TRIVIAL_ANSWER_HEADERS } from './trivial-aws.js';
import { runLoad } from '../src/flood/load.js';
import { REQUEST_TIMEOUT_MS } from '../src/flood/options.js';
import { SETTINGS } from '../src/stack/config.js';
import { BATCH_SIZE } from '../lambdas/domain/contract.js';
import { lambdaProcessExecArgv } from '../src/localcloud/services/lambda/runtime/worker.js';
import { FEW_MALLOC_ARENAS } from '../src/localcloud/core/constants.js';

const SELF = fileURLToPath(import.meta.url);
const ROLE = process.argv[2];
type Role = 'cloud' | 'producer' | 'consumer';

/** One Lambda environment: a worker process that takes one invocation at a time, the rest waiting in line. */
class Environment {
  private busy = false;
  private readonly line: [unknown, (reply: unknown) => void][] = [];
  private done?: (reply: unknown) => void;
  constructor(private readonly child: ChildProcess) {
    // A dead environment would leave requests unanswered (or bookings unsettled, costing less): the round fails.
    child.on('exit', (code, signal) => {
      console.error(`bench:skeleton: a worker exited (${signal ?? `exit status ${code}`})`);
      process.exit(1);
    });
    child.on('message', (reply) => {
      const done = this.done!;
      this.busy = false;
      done(reply);
      this.next();
    });
  }
  invoke(payload: unknown): Promise<unknown> {
    return new Promise((resolve) => {
      this.line.push([payload, resolve]);
      this.next();
    });
  }
  private next(): void {
    if (this.busy || this.line.length === 0) return;
    const [payload, done] = this.line.shift()!;
    this.busy = true;
    this.done = done;
    this.child.send(payload as object);
  }
}

const bodyOf = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
};

/** The cloud process: the API edge and the trivial answers on one port, and the two workers, on the Lambdas' Node. */
function cloud(): void {
  process.stdin.on('close', () => process.exit(0)).resume(); // the bench went away
  let serial = 0;
  const messages: string[] = [];
  const server = createServer(async (req, res) => {
    const body = await bodyOf(req);
    const target = req.headers['x-amz-target'];
    if (target === undefined) {
      const reply = (await producer.invoke({ requestId: `skeleton-${serial++}` })) as { requestId: string };
      res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'queued', requestId: reply.requestId }));
      return;
    }
    let answer = '{}';
    if (String(target).endsWith('SendMessage')) {
      const messageBody = (JSON.parse(body) as { MessageBody: string }).MessageBody;
      messages.push(messageBody);
      if (messages.length === BATCH_SIZE) void consumer.invoke(messages.splice(0));
      answer = sendMessageAnswer(messageBody);
    }
    res.writeHead(200, TRIVIAL_ANSWER_HEADERS).end(answer);
  });
  let producer: Environment;
  let consumer: Environment;
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    const { path: execPath, major: runtimeMajor } = lambdasNode();
    const execArgv = [...lambdaProcessExecArgv({ memoryMb: SETTINGS.functionMemoryMb, runtimeMajor, env: {} }), '--import', 'tsx'];
    const env = { ...process.env, ...FEW_MALLOC_ARENAS };
    const start = (role: Role) => new Environment(fork(SELF, [role, `http://127.0.0.1:${port}`], { execPath, execArgv, env }));
    producer = start('producer');
    consumer = start('consumer');
    process.stdout.write(`${port}\n`);
  });
}

/** A worker process: the Lambdas' own SDK calls for each invocation, nothing around them. */
async function worker(role: Role, endpoint: string): Promise<void> {
  process.on('disconnect', () => process.exit(0)); // the cloud went away
  const lambda = await lambdaCalls(endpoint, role);
  process.on('message', async (payload) => {
    if (role === 'producer') {
      const message = bookingMessage((payload as { requestId: string }).requestId);
      await lambda.createBooking(message);
      await lambda.enqueue(message);
      process.send!({ requestId: message.requestId });
    } else {
      await lambda.settle((payload as string[]).map((body) => JSON.parse(body)));
      process.send!({});
    }
  });
}

/** A closed-model flood of `requests` bookings through the skeleton; throws unless every one was answered 2xx. */
async function flood(port: number, requests: number, connections: number): Promise<void> {
  const result = await runLoad({
    apiUrl: `http://127.0.0.1:${port}/prod`,
    model: 'closed',
    connections,
    requests,
    tripIds: ['seoul-busan'],
    duplicates: 0,
    invalid: 0,
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
  });
  if (result.counts.s2xx !== requests) throw new Error(`the skeleton answered ${result.counts.s2xx} of ${requests} requests with 2xx`);
}

async function round(requests: number, connections: number, warmUp: number): Promise<{ ratio: number; cloudMs: number; workersMs: number; floorMs: number }> {
  // stdin is a pipe the cloud watches: it exits when this process goes away, however it ends.
  const child = spawn(process.execPath, ['--import', 'tsx', SELF, 'cloud'], { stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    const port = Number(String((await once(child.stdout!, 'data'))[0]).trim());
    if (warmUp > 0) await flood(port, warmUp, connections);
    const floor = await sdkFloor(3000);
    const [treeBefore, ownBefore] = [await treeCpuSeconds(child.pid!), (await cpuSeconds(child.pid!)).own];
    await flood(port, requests, connections);
    const [treeAfter, ownAfter] = [await treeCpuSeconds(child.pid!), (await cpuSeconds(child.pid!)).own];
    const perBooking = (seconds: number) => (seconds * 1000) / requests;
    const cloudMs = perBooking(ownAfter - ownBefore);
    const workersMs = perBooking(treeAfter - treeBefore) - cloudMs;
    const floorMs = floor.perBookingUs / 1000;
    return { ratio: (cloudMs + workersMs) / floorMs, cloudMs, workersMs, floorMs };
  } finally {
    child.kill();
  }
}

if (ROLE === 'cloud') cloud();
else if (ROLE === 'producer' || ROLE === 'consumer') await worker(ROLE, process.argv[3]!);
else {
  const { values } = parseArgs({
    options: {
      requests: { type: 'string', default: '10000' },
      connections: { type: 'string', default: '32' },
      rounds: { type: 'string', default: '1' },
      'warm-up': { type: 'string', default: '0' },
    },
  });
  const warmUp = parseWarmUp(values['warm-up']);
  const ratios: number[] = [];
  for (let i = 1; i <= Number(values.rounds); i++) {
    const r = await round(Number(values.requests), Number(values.connections), warmUp);
    ratios.push(r.ratio);
    console.log(
      `skeleton round ${i}: CPU per booking ${(r.cloudMs + r.workersMs).toFixed(2)} ms = ${r.ratio.toFixed(2)} x the SDK floor (${r.floorMs.toFixed(2)} ms); ` +
        `cloud ${r.cloudMs.toFixed(2)} ms, workers ${r.workersMs.toFixed(2)} ms`,
    );
  }
  console.log(`skeleton: ${median(ratios).toFixed(2)} x the SDK floor (median of ${ratios.length}): the least the pipeline's processes and crossings cost`);
}
