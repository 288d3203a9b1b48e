import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Worker, type WorkerOutcome, type WorkerSpec } from './worker.js';
import { LAMBDA_ISOLATIONS } from '../../../core/constants.js';

describe('Worker', () => {
  it('reports an environment that cannot even start as a startup failure, once', async () => {
    const exits: (WorkerOutcome | undefined)[] = [];
    // fork refuses an environment value with a NUL byte before any process exists.
    new Worker(
      { key: 'k', codeDir: tmpdir(), env: { BAD: 'a\u0000b' }, memoryMb: 128, isolation: 'process', nodePath: process.execPath, runtimeMajor: 24 },
      { ready: () => {}, exit: (_w, outcome) => exits.push(outcome) },
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(exits).toEqual([{ kind: 'exit', status: 'exit status 1', logs: expect.arrayContaining([expect.stringMatching(/null bytes/)]) }]);
  });
});

/** Reports what Lambda's node flags change: whether gc is exposed, and how large a response header node:http takes. */
const FLAGS_HANDLER = `
import http from 'node:http';
export const handler = async (event) => {
  const header = await new Promise((resolve) =>
    http.get(event.url, (res) => { res.resume(); resolve(res.headers['x-large'].length); }).on('error', (err) => resolve(err.code)));
  if (typeof globalThis.gc === 'function') globalThis.gc();
  return { gc: typeof globalThis.gc, maxHeaderSize: http.maxHeaderSize, header };
};`;

// On the cloud's own Node, so that thread isolation runs a thread (another major always runs in a process).
describe.each(LAMBDA_ISOLATIONS)("Worker on the cloud's Node, as a %s", (isolation) => {
  it("starts Node as Lambda's bootstrap does: gc exposed, response headers up to 80 KiB", async () => {
    const codeDir = mkdtempSync(join(tmpdir(), 'worker-flags-'));
    writeFileSync(join(codeDir, 'index.mjs'), FLAGS_HANDLER);
    // 40 KB: over node's default limit of 16 KiB, within Lambda's 80 KiB.
    const server = createServer((_req, res) => res.writeHead(200, { 'x-large': 'x'.repeat(40_000) }).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const spec: WorkerSpec = {
      key: 'k',
      codeDir,
      env: { LAMBDA_TASK_ROOT: codeDir, _HANDLER: 'index.handler', AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x' },
      memoryMb: 256,
      isolation,
      nodePath: process.execPath,
      runtimeMajor: 24,
    };
    let worker: Worker | undefined;
    try {
      worker = await new Promise<Worker>((resolve, reject) => {
        new Worker(spec, { ready: resolve, exit: (_w, outcome) => reject(new Error(`the worker exited: ${JSON.stringify(outcome)}`)) });
      });
      const { port } = server.address() as { port: number };
      const outcome = await worker.invoke({ id: 'r1', event: JSON.stringify({ url: `http://127.0.0.1:${port}/` }), deadline: Date.now() + 10_000, arn: 'arn' });
      expect(outcome).toMatchObject({ kind: 'reply' });
      expect(JSON.parse((outcome as { payload: string }).payload)).toEqual({ gc: 'function', maxHeaderSize: 81_920, header: 40_000 });
    } finally {
      worker?.kill();
      server.close();
      rmSync(codeDir, { recursive: true, force: true });
    }
  });
});
