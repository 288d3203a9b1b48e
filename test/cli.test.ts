import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshHome, runCli, startCli } from './helpers/cli.js';
import { startTestCloud, type TestCloud } from './helpers/cloud.js';

/** One clear line (plus what to do), exit code 2, and no stack trace. */
function expectUsageError(r: { code: number | null; stderr: string }, message: RegExp) {
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('the CLI says what was wrong and what to do', () => {
  let notACloud: Server;
  let busyPort: number;
  let t: TestCloud;
  beforeAll(async () => {
    notACloud = createServer((_req, res) => res.end('hello from something else'));
    await new Promise<void>((r) => notACloud.listen(0, '127.0.0.1', r));
    busyPort = (notACloud.address() as { port: number }).port;
    t = await startTestCloud();
  });
  afterAll(async () => {
    notACloud.close();
    await t.stop();
  });

  it('an unknown flag', async () => {
    const r = await runCli(['up', '--bogus']);
    expectUsageError(r, /unknown option '--bogus'/);
    expect(r.stderr).toMatch(/bus-cli up --help/);
  });

  it('an unknown command: the help to read and the nearest real command', async () => {
    const r = await runCli(['stauts']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('run `bus-cli --help` for the commands; the nearest is `bus-cli stats`');
    expect((await runCli(['deploy'])).stderr).toContain('the nearest is `bus-cli up`');
  });

  it('logs with no events yet says so, naming the function and the window', async () => {
    const r = await runCli(['logs', 'consumer', '--local', '--port', new URL(t.cloud.endpoint).port]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('no log events yet for aram-consumer (since 10m)');
  });

  it('a bad --endpoint', async () => {
    expectUsageError(await runCli(['up', '--endpoint', 'not a url']), /--endpoint 'not a url' is not a URL[\s\S]*http:\/\/127\.0\.0\.1:4566/);
  });

  it('an endpoint where nothing answers', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as { port: number }).port;
    await new Promise((r) => closed.close(r));
    expectUsageError(
      await runCli(['status', '--endpoint', `http://127.0.0.1:${port}`]),
      new RegExp(`nothing answers at --endpoint http://127\\.0\\.0\\.1:${port}[\\s\\S]*bus-cli local start --port ${port}`),
    );
  });

  it('a region that is not one', async () => {
    expectUsageError(await runCli(['up', '--region', 'seoul']), /--region 'seoul' is not an AWS region name/);
  });

  it('a local port taken by something that is not a cloud: says so and suggests a port free now, keeping the other flags, without hanging', async () => {
    // The next port taken too, so the suggestion must skip it: by this server, or already by another process.
    const next = createServer();
    const ours = await new Promise<boolean>((resolve, reject) =>
      next
        .once('error', (err: NodeJS.ErrnoException) => (err.code === 'EADDRINUSE' ? resolve(false) : reject(err)))
        .listen(busyPort + 1, '127.0.0.1', () => resolve(true)),
    );
    try {
      const r = await runCli(['up', '--local', '--port', String(busyPort), '--stack', 'hint']);
      expectUsageError(r, new RegExp(`port ${busyPort} is taken by something that is not a local cloud`));
      const suggested = Number(/bus-cli up --local --port (\d+) --stack hint/.exec(r.stderr)?.[1]);
      expect(suggested).toBeGreaterThan(busyPort + 1);
      const probe = createServer();
      await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(suggested, '127.0.0.1', resolve));
      probe.close();
    } finally {
      if (ours) next.close();
    }
  });

  it('a port that answers garbage: says it is not an HTTP server', async () => {
    const garbage = createNetServer((socket) => socket.end('\x00\x01 not http at all\r\n\r\n'));
    await new Promise<void>((r) => garbage.listen(0, '127.0.0.1', r));
    const port = (garbage.address() as { port: number }).port;
    try {
      const r = await runCli(['up', '--local', '--port', String(port)]);
      expectUsageError(r, new RegExp(`something on port ${port} is not an HTTP server`));
      expect(r.stderr).not.toMatch(/HPE_/);
    } finally {
      garbage.close();
    }
  });

  it("every what-to-do line repeats the user's target flags", async () => {
    const port = new URL(t.cloud.endpoint).port;
    const target = `--local --port ${port} --stack nostack`;
    const flood = await runCli(['flood', ...target.split(' '), '--requests', '10']);
    expectUsageError(flood, /not deployed/);
    expect(flood.stderr).toContain(`run \`bus-cli up ${target}\` first`);
    const logs = await runCli(['logs', 'nobody', ...target.split(' ')]);
    expectUsageError(logs, /unknown function 'nobody'/);
    expect(logs.stderr).toContain(`use \`bus-cli logs producer ${target}\` or \`bus-cli logs consumer ${target}\``);
  });

  it("up --local says in one line when the cloud it found is another project's", async () => {
    // A cloud keeping its state somewhere else, as another project's would.
    const other = await startTestCloud({ ephemeral: false, stateDir: mkdtempSync(join(tmpdir(), 'bus-cli-other-project-')) });
    try {
      const r = await runCli(['up', '--local', '--port', new URL(other.cloud.endpoint).port, '--dry-run']);
      expect(r.code).toBe(0);
      expect(r.stderr.match(/using the embedded cloud already running on port \d+ \(pid \d+\); its state is in .+, not this project's .+/g)).toHaveLength(1);
    } finally {
      await other.stop();
    }
  });

  it.each([
    [['--rate', '0'], /--rate/],
    [['--requests', '-1'], /--requests/],
    [['--rate', '10', '--connections', '5'], /exclude each other/],
    [['--duplicates', '2'], /--duplicates/],
  ])('flood %j: one line, exit 2, nothing sent', async (args, message) => {
    expectUsageError(await runCli(['flood', '--endpoint', t.cloud.endpoint, ...args]), message);
  });

  it('a --lambda-isolation that is not one: lists the ones there are', async () => {
    expectUsageError(await runCli(['local', 'start', '--lambda-isolation', 'vm']), /argument 'vm' is invalid\. Allowed choices are process, thread/);
  });

  it('flood with no stack deployed: one line, exit 2', async () => {
    expectUsageError(await runCli(['flood', '--endpoint', t.cloud.endpoint, '--requests', '10']), /not deployed[\s\S]*bus-cli up/);
  });
});

describe('Ctrl-C while up or down changes the stack', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud();
  });
  afterAll(() => t?.stop());

  it('says the stack is partly made (or deleted) and how to finish, with the same target flags, and exits 130', async () => {
    const target = ['--local', '--port', new URL(t.cloud.endpoint).port, '--stack', 'ctrlc'];
    const home = { BUS_CLI_HOME: freshHome() };
    const up = startCli(['up', ...target], home, 120_000);
    await up.printed(/\+ created/);
    up.child.kill('SIGINT');
    const interrupted = await up.result;
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toContain(`interrupted: the stack is partly made; run bus-cli up ${target.join(' ')} again to finish`);

    expect((await runCli(['up', ...target], home, 120_000)).code).toBe(0);
    const down = startCli(['down', ...target], home, 120_000);
    await down.printed(/- deleted/);
    down.child.kill('SIGINT');
    const halfDown = await down.result;
    expect(halfDown.code).toBe(130);
    expect(halfDown.stderr).toContain(`interrupted: the stack is partly deleted; run bus-cli down ${target.join(' ')} again to finish`);

    const finished = await runCli(['down', ...target], home, 120_000);
    expect(finished.code).toBe(0);
    expect(finished.stdout.trimEnd().split('\n').at(-1)).toBe(`the local cloud is still running; stop it with \`bus-cli local stop --port ${target[2]}\``);
  }, 300_000);
});

describe('bus-cli local', () => {
  it('starts a detached cloud with the isolation asked for, reports it, and stops it', async () => {
    const home = freshHome();
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = String((probe.address() as { port: number }).port);
    await new Promise((r) => probe.close(r));
    const started = await runCli(['local', 'start', '--detach', '--port', port, '--lambda-isolation', 'thread'], { BUS_CLI_HOME: home });
    expect(started.stdout).toMatch(new RegExp(`embedded cloud started on http://127\\.0\\.0\\.1:${port}`));
    try {
      expect((await runCli(['local', 'status', '--port', port], { BUS_CLI_HOME: home })).stdout).toMatch(/strict on, Lambda in threads\)/);
    } finally {
      expect((await runCli(['local', 'stop', '--port', port], { BUS_CLI_HOME: home })).stdout).toMatch(/stopped/);
    }
  });
});
