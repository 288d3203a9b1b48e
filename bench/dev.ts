// Issue 16's figure: `bus-cli dev --local`, save to serving. Ten edits of the producer's answer; for each,
// the time from the write to the first HTTP answer that carries it, split at the moment dev sends the code
// (from the parts dev prints: rebuild, update until Successful, save to Successful). Printed, never
// asserted. Run: npm run bench:dev
import { setTimeout as sleep } from 'node:timers/promises';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, freePort, printTable, runCli, median } from './lib.js';
import { LAMBDAS_DIR_ENV } from '../src/bundle/index.js';
import { QUIET_MS } from '../src/dev/index.js';
import { projectPath } from '../src/paths.js';

const EDITS = 10;
const home = mkdtempSync(join(tmpdir(), 'bus-bench-dev-'));
const lambdas = join(home, 'lambdas');
cpSync(projectPath('lambdas'), lambdas, { recursive: true });
const bookBus = join(lambdas, 'lib', 'routes', 'book-bus.ts');
const env = { BUS_CLI_HOME: home, [LAMBDAS_DIR_ENV]: lambdas };
const answer = (n: number) => (n === 0 ? "{ status: 'queued', requestId }" : `{ status: 'queued', requestId, edit: ${n} }`);

const port = await freePort();
const dev = spawn(process.execPath, [BIN, 'dev', '--local', '--port', String(port)], { env: { ...process.env, ...env, CI: '1', NO_COLOR: '1' } });
let stdout = '';
let stderr = '';
dev.stdout.on('data', (d) => (stdout += d));
dev.stderr.on('data', (d) => (stderr += d));

async function until<T>(check: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline || dev.exitCode !== null) throw new Error(`bench:dev: no ${what}\n${stderr}`);
    await sleep(10);
  }
}

try {
  await until(() => (/^watching/m.test(stderr) ? true : undefined), "'watching' line");
  const api = await until(() => /api\s+(http\S+)/.exec(stdout)?.[1], 'API URL');
  const rows = { observed: [] as number[], build: [] as number[], update: [] as number[], serving: [] as number[] };
  for (let n = 1; n <= EDITS; n++) {
    const reloads = stderr.match(/^~ producer.*$/gm)?.length ?? 0;
    const saved = performance.now();
    writeFileSync(bookBus, readFileSync(bookBus, 'utf8').replace(`jsonResponse(200, ${answer(n - 1)})`, `jsonResponse(200, ${answer(n)})`));
    await until(async () => {
      const res = await fetch(`${api}/api/book-bus`, { method: 'POST', body: '{}' });
      return ((await res.json()) as { edit?: number }).edit === n ? true : undefined;
    }, `answer of edit ${n}`);
    rows.observed.push(performance.now() - saved);
    const line = await until(() => stderr.match(/^~ producer.*$/gm)?.[reloads], `reload line of edit ${n}`);
    const [, build, update, serving] = /rebuilt (\d+) ms, updated (\d+) ms \(serving (\d+) ms/.exec(line)!.map(Number);
    rows.build.push(build);
    rows.update.push(update);
    rows.serving.push(serving);
    await sleep(300);
  }
  const [observed, build, update, serving] = [rows.observed, rows.build, rows.update, rows.serving].map(median);
  // dev times the save from the file event and the update from the send: save to send is serving - update.
  const toSend = median(rows.serving.map((ms, i) => ms - rows.update[i]));
  const sendToAnswer = median(rows.observed.map((ms, i) => ms - (rows.serving[i] - rows.update[i])));
  printTable(`bus-cli dev --local: save to serving, median of ${EDITS} edits of the producer (strict cloud)`, [
    ['save to first new answer', `${observed.toFixed(0)} ms`, 'target < 1,000 ms'],
    ['  save to send', `${toSend} ms`, `quiet window ${QUIET_MS} ms + rebuild + zip`],
    ['    of which rebuild + zip', `${build} ms`, 'esbuild context rebuild, same zip as up'],
    ['  send to first new answer', `${sendToAnswer.toFixed(0)} ms`, "the cloud's 250 ms InProgress, the new environment's start left, the request"],
    ['dev: send to Successful', `${update} ms`, "UpdateFunctionCode + the waiter's polling"],
    ['dev: save to Successful', `${serving} ms`, 'as dev prints it'],
  ]);
} finally {
  dev.kill('SIGINT');
  await new Promise((r) => dev.once('exit', r));
  await runCli(['local', 'stop', '--port', String(port)], env).catch(() => {});
  rmSync(home, { recursive: true, force: true });
}
