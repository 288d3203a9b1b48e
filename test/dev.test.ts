import { setTimeout as sleep } from 'node:timers/promises';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTrips } from '../lambdas/domain/index.js';
import { LAMBDAS_DIR_ENV } from '../src/bundle/index.js';
import { projectPath } from '../src/paths.js';
import { startCli, type RunningCli } from './helpers/cli.js';
import { startTestCloud, type TestCloud } from './helpers/cloud.js';
import { FAST_STRICT, waitUntil } from './helpers/stack.js';

const QUEUED = "return jsonResponse(200, { status: 'queued', requestId });";
const queuedWith = (dev: number) => `return jsonResponse(200, { status: 'queued', requestId, dev: ${dev} });`;

/** Issue 16: `bus-cli dev` in a child process, on a scratch copy of lambdas/, against one stack on the embedded cloud. */
describe('bus-cli dev', () => {
  let t: TestCloud;
  let scratch: string;
  let dev: RunningCli;
  let api: string;
  const lambdas = () => join(scratch, 'lambdas');
  const bookBus = () => join(lambdas(), 'lib', 'routes', 'book-bus.ts');
  const trips = () => join(scratch, 'trips.json');
  const stderr = () => dev.output().stderr;
  const stdout = () => dev.output().stdout;
  const count = (re: RegExp) => (stderr().match(new RegExp(re, 'gm')) ?? []).length;
  const until = (re: RegExp) => dev.printed(re);
  const book = async () => {
    const res = await fetch(`${api}/api/book-bus`, { method: 'POST', body: '{}' });
    return { status: res.status, body: (await res.json()) as { status: string; dev?: number } };
  };
  /** Books until the answer carries `dev`; every answer on the way must be a booking, of the old code or the new. */
  async function bookUntil(dev: number) {
    const seen: (number | undefined)[] = [];
    const found = await waitUntil(
      async () => {
        const { status, body } = await book();
        expect([status, body.status]).toEqual([200, 'queued']);
        seen.push(body.dev);
        return body.dev === dev ? body : undefined;
      },
      20_000,
      20,
    );
    return { found, seen };
  }
  const edit = (file: string, from: string, to: string) => writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));

  beforeAll(async () => {
    t = await startTestCloud(FAST_STRICT);
    scratch = mkdtempSync(join(tmpdir(), 'bus-cli-dev-test-'));
    cpSync(projectPath('lambdas'), lambdas(), { recursive: true });
    writeFileSync(trips(), JSON.stringify(defaultTrips));
    const port = new URL(t.cloud.endpoint).port;
    dev = startCli(['dev', '--local', '--port', port, '--stack', 'dev', '--trips', trips()], { [LAMBDAS_DIR_ENV]: lambdas() }, 600_000);
    await until(/^watching/m);
    await until(/api\s+http/);
    api = /api\s+(http\S+)/.exec(stdout())![1];
  }, 120_000);
  afterAll(async () => {
    dev?.child.kill('SIGKILL');
    await t?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('brings the stack up first when there is none, says so, and builds the same code up deployed', () => {
    expect(stderr()).toMatch(/no stack dev on embedded yet: running up first/);
    expect(stderr()).toMatch(/^= producer\s+rebuilt \d+ ms, same code: nothing sent$/m);
    expect(stderr()).toMatch(/^= consumer\s+rebuilt \d+ ms, same code: nothing sent$/m);
  });

  it('serves a change to the producer through the HTTP API, never an old answer after a new one, and leaves the consumer alone', async () => {
    const consumerBuilds = count(/^. consumer/);
    await book(); // a warm producer, as while developing: the time measured is the reload's
    const saved = performance.now();
    edit(bookBus(), QUEUED, queuedWith(1));
    const { seen } = await bookUntil(1);
    console.log(`save to the first changed response: ${Math.round(performance.now() - saved)} ms (${seen.length} requests)`);
    expect(seen.slice(seen.indexOf(1))).toEqual([1]);
    await until(/^~ producer\s+rebuilt \d+ ms, updated \d+ ms/m);
    expect(count(/^. consumer/)).toBe(consumerBuilds);
  });

  it('gives one rebuild for a burst of 5 saves in 100 ms', async () => {
    const builds = count(/^. producer/);
    for (let dev = 2; dev <= 6; dev++) {
      edit(bookBus(), queuedWith(dev - 1), queuedWith(dev));
      await sleep(20);
    }
    await bookUntil(6);
    await sleep(500);
    expect(count(/^. producer/)).toBe(builds + 1);
  });

  it('prints a syntax error with file:line and keeps the old code serving', async () => {
    const good = readFileSync(bookBus(), 'utf8');
    writeFileSync(bookBus(), `${good}\nexport const = ;\n`);
    await until(/✗ producer\s+build failed; the last good code keeps serving[\s\S]*lambdas\/lib\/routes\/book-bus\.ts:\d+:\d+/);
    expect((await book()).body.dev).toBe(6);
    writeFileSync(bookBus(), good);
    await until(/^= producer\s+rebuilt \d+ ms, same code: nothing sent$(?![\s\S]*✗ producer)/m);
  });

  it('handles a file deleted then restored', async () => {
    const good = readFileSync(bookBus(), 'utf8');
    const failures = count(/^✗ producer/);
    unlinkSync(bookBus());
    await waitUntil(async () => (count(/^✗ producer/) > failures ? true : undefined));
    expect(stderr()).toMatch(/Could not resolve "\.\/lib\/routes\/book-bus\.js"/);
    const builds = count(/^= producer/);
    writeFileSync(bookBus(), good);
    await waitUntil(async () => (count(/^= producer/) > builds ? true : undefined));
    expect((await book()).body.dev).toBe(6);
  });

  it('applies a consumer change to the next batch, its logs interleaved with the producer', async () => {
    edit(join(lambdas(), 'consumer.ts'), "log.info('batch settled'", "log.info('batch settled under dev'");
    await until(/^~ consumer\s+rebuilt \d+ ms, updated \d+ ms/m);
    await book();
    await until(/^\S+ consumer\s+.*batch settled under dev/m);
    expect(stdout()).toMatch(/^\S+ producer\s+.*booking queued/m);
  });

  it('says a change to the stack settings needs up, and keeps serving', async () => {
    writeFileSync(trips(), JSON.stringify(defaultTrips.slice(0, 1)));
    await until(/stack settings changed: run bus-cli up/);
    expect((await book()).status).toBe(200);
  });

  it('stops on Ctrl-C and leaves the stack up', async () => {
    dev.child.kill('SIGINT');
    expect((await dev.result).code).toBe(0);
    expect(stderr()).toMatch(/stopped; stack dev is still up \(bus-cli down --local --port \d+ --stack dev removes it\)/);
    expect((await book()).body.dev).toBe(6);
  });
});
