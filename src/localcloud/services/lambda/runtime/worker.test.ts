import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { Worker, type WorkerOutcome } from './worker.js';

describe('Worker', () => {
  it('reports an environment that cannot even start as a startup failure, once', async () => {
    const exits: (WorkerOutcome | undefined)[] = [];
    // fork refuses an environment value with a NUL byte before any process exists.
    new Worker(
      { key: 'k', codeDir: tmpdir(), env: { BAD: 'a\u0000b' }, memoryMb: 128, isolation: 'process', nodePath: process.execPath },
      { ready: () => {}, exit: (_w, outcome) => exits.push(outcome) },
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(exits).toEqual([{ kind: 'exit', status: 'exit status 1', logs: expect.arrayContaining([expect.stringMatching(/null bytes/)]) }]);
  });
});
