// Issue 2's figures: embedded cloud start time, cold `up --local`, no-op re-`up`, and the cloud's
// resident memory after `up` (cloud process + its Lambda worker processes). Printed, never asserted.
// Run: npm run bench:up
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { BIN, freePort, printTable, readPidFile, runCli, treeRssMb } from './lib.js';
import { daemonFiles } from '../src/localcloud/daemon.js';
import { detectLocalEndpoint } from '../src/target/detect.js';

const home = mkdtempSync(join(tmpdir(), 'bus-bench-up-'));
const env = { BUS_CLI_HOME: home };

async function cloudStartMs(port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, 'local', 'start', '--port', String(port), '--state-dir', join(home, 'fg')], { stdio: 'ignore' });
  try {
    for (;;) {
      if ((await detectLocalEndpoint(`http://127.0.0.1:${port}`)).kind === 'embedded') return performance.now() - started;
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

try {
  // Warm the CLI bundle first so the figures measure the work, not the one-time build after a source change.
  await runCli(['--help'], env);
  const port = await freePort();
  const start = await cloudStartMs(port);
  const cold = await runCli(['up', '--local', '--port', String(port)], env);
  const noop = await runCli(['up', '--local', '--port', String(port)], env);
  const pid = readPidFile(daemonFiles(home, port).pidFile);
  const rss = treeRssMb(pid);
  const unchanged = (noop.stderr.match(/= unchanged/g) ?? []).length;
  await runCli(['local', 'stop', '--port', String(port)], env);
  printTable('bus-cli up --local (embedded cloud, strict mode)', [
    ['embedded cloud start', `${start.toFixed(0)} ms`, 'process spawn until the edge answers'],
    ['cold up --local', `${cold.ms.toFixed(0)} ms`, 'target < 5,000 ms (includes starting the cloud)'],
    ['no-op re-up', `${noop.ms.toFixed(0)} ms`, `target < 1,500 ms (${unchanged} resources unchanged)`],
    ['cloud RSS after up', `${rss.toFixed(0)} MB`, 'target < 400 MB (cloud + Lambda workers)'],
  ]);
} finally {
  rmSync(home, { recursive: true, force: true });
}
