import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostMajor, nodeFor } from '../src/runtimes/node.js';
import { freshHome, runCli } from './helpers/cli.js';
import { waitUntil } from './helpers/stack.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** No cached Node and a registry nothing answers at (loopback): whatever is not the host's cannot be fetched. */
const offline = () => ({ BUS_CLI_NODE_CACHE: mkdtempSync(join(tmpdir(), 'bus-cli-node-cache-')), npm_config_registry: 'http://127.0.0.1:9/' });

/**
 * The README's main job, `up --local`, on a given Node: a booking goes through, `local status` says which Node runs
 * each runtime, and `down` and `local stop` clean up. Returns what `up` and `local status` printed.
 */
async function upBookDown(node: string, env: NodeJS.ProcessEnv) {
  const home = freshHome();
  const port = String(await freePort());
  const cli = (args: string[]) => runCli(args, { BUS_CLI_HOME: home, ...env }, 120_000, node);
  const up = await cli(['up', '--local', '--port', port]);
  try {
    expect(up.code, up.stderr).toBe(0);
    const api = /api\s+(\S+)/.exec(up.stdout)![1];
    const booked = await fetch(`${api}/api/book-bus`, { method: 'POST', body: '{}' });
    expect(booked.status).toBe(200);
    const { requestId } = (await booked.json()) as { requestId: string };
    await waitUntil(async () => {
      const res = await fetch(`${api}/api/bookings/${requestId}`);
      const body = (await res.json()) as { status?: string };
      return body.status === 'confirmed' ? body : undefined;
    });
    const status = await cli(['local', 'status', '--port', port]);
    expect((await cli(['down', '--yes'])).code).toBe(0);
    return { up, status };
  } finally {
    await cli(['local', 'stop', '--port', port]);
  }
}

/** A whole up, booking and down through the CLI: generous under a loaded machine (never a measured bound). */
const CLI_JOURNEY_MS = 180_000;

describe('the CLI on the Node majors it supports (issue 10)', { timeout: CLI_JOURNEY_MS }, () => {
  const node24 = nodeFor('nodejs24.x')!;

  it('on Node 24, up --local deploys nodejs24.x, run on Node 24, and a booking is confirmed', async () => {
    expect(node24.source, 'Node 24 is fetched by `npm test` (pretest: bus-cli local runtimes --fetch)').not.toBe('fallback');
    const { up, status } = await upBookDown(node24.path, offline());
    expect(up.stdout).toMatch(new RegExp(`runtime\\s+nodejs24\\.x on Node ${node24.version.replace(/\./g, '\\.')}\\n`));
    expect(up.stderr).not.toMatch(/warning: Node/);
    expect(status.stdout).toMatch(/nodejs24\.x\s+Node v24\.\S+ \(the host's\)/);
  });

  it.runIf(hostMajor() !== 24)("on a host whose Node 24 cannot be fetched, up warns once, loudly, and the stack still works on the host's Node", async () => {
    const { up, status } = await upBookDown(process.execPath, offline());
    const warnings = up.stderr.split('\n').filter((line) => line.includes('warning: Node 24 for nodejs24.x is not here'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/ECONNREFUSED 127\.0\.0\.1:9\); its functions run on the host's Node v\d+\.\d+\.\d+, not on the Node 24 that AWS runs/);
    expect(up.stdout).toMatch(/runtime\s+nodejs24\.x on Node v\d+\.\S+ \(the host's, standing in for Node 24\)/);
    expect(status.stdout).toMatch(/nodejs24\.x\s+warning: Node 24 for nodejs24\.x is not here/);
  });
});
