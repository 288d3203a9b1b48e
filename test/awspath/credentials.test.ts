import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createClients, destroyClients } from '../../src/aws/clients.js';
import { EXPIRED_ACCESS_KEY_PREFIX } from '../../src/localcloud/services/sts/index.js';
import { startTestCloud, type TestCloud } from '../helpers/cloud.js';
import { FAST_STRICT } from '../helpers/stack.js';
import { bus, cleanMachine, expectOk, expectOneClearError, ENV_KEYS, removeMachines } from './cli.js';
import { listEverything, NOTHING } from './inventory.js';

const REGION = 'ap-northeast-2';
const TAKEN = 'taken-by-someone-else';

describe('bad credentials, regions and bucket names: one clear message each, nothing half-created', () => {
  let t: TestCloud;
  let aws: string[];

  beforeAll(async () => {
    t = await startTestCloud({ ...FAST_STRICT, foreignBucketNames: [TAKEN] }, REGION);
    aws = ['--endpoint', t.cloud.endpoint, '--region', REGION];
  });
  afterAll(async () => {
    await t?.stop();
    removeMachines();
  });

  it('the network guard of these tests records a connection beyond loopback (so its silence means something)', async () => {
    const machine = cleanMachine();
    const code = await new Promise((resolve) => {
      const child = spawn(process.execPath, ['-e', "fetch('http://example.invalid/').catch(() => {})"], { env: machine.env, stdio: 'ignore' });
      child.on('close', resolve);
    });
    expect(code).toBe(0);
    expect(machine.networkAttempts()).toEqual(['example.invalid:80']);
  });

  it.each([['up'], ['status'], ['down', '--yes']])('no credentials, real AWS: `%s` says so at once, exit 2, and sends nothing', async (...command) => {
    const machine = cleanMachine();
    const run = await bus([...command, '--region', REGION], machine.env);
    expectOneClearError(run, /^error: no AWS credentials found$/);
    expect(run.stderr).toMatch(/aws configure/);
    expect(machine.networkAttempts()).toEqual([]);
  });

  it('expired credentials: STS says ExpiredToken and up stops before creating anything', async () => {
    const machine = cleanMachine({ ...ENV_KEYS, AWS_ACCESS_KEY_ID: `${EXPIRED_ACCESS_KEY_PREFIX}AKIAEXAMPLE`, AWS_SESSION_TOKEN: 'session-token' });
    expectOneClearError(await bus(['up', ...aws], machine.env), /^error: your AWS credentials have expired$/);
    expect(await listEverything(t.clients)).toEqual(NOTHING);
  });

  it('a misspelt region: named with the likely one, before any call', async () => {
    const machine = cleanMachine(ENV_KEYS);
    const run = await bus(['up', '--region', 'ap-norteast-2'], machine.env);
    expectOneClearError(run, /--region 'ap-norteast-2' is not an AWS region name/);
    expect(run.stderr).toMatch(/did you mean --region ap-northeast-2\?/);
    expect(machine.networkAttempts()).toEqual([]);
    expectOneClearError(await bus(['up', '--endpoint', t.cloud.endpoint, '--region', 'ap-norteast-2'], machine.env), /not an AWS region name/);
    expect(await listEverything(t.clients)).toEqual(NOTHING);
  });

  it("a bucket name someone else owns: refused up front; the next up (bus-cli's own name) finishes", async () => {
    const machine = cleanMachine(ENV_KEYS);
    const refused = await bus(['up', ...aws, '--stack', 'owned', '--bucket', TAKEN], machine.env);
    expectOneClearError(refused, new RegExp(`^error: bucket name ${TAKEN} is owned by another AWS account$`));
    expect(await listEverything(t.clients)).toEqual(NOTHING);

    const up = expectOk(await bus(['up', ...aws, '--stack', 'owned'], machine.env));
    expect(up.stdout).toMatch(/bucket\s+owned-app-bucket\n/);
    expect((await listEverything(t.clients)).buckets).toEqual(['owned-app-bucket']);
  });

  it('the stack already lives in another region: says where, and creates nothing in this one', async () => {
    const machine = cleanMachine(ENV_KEYS);
    const west = createClients({ region: 'us-west-2', endpoint: t.cloud.endpoint, maxAttempts: 1 });
    try {
      const before = await listEverything(west);
      const run = await bus(['up', '--endpoint', t.cloud.endpoint, '--region', 'us-west-2', '--stack', 'owned'], machine.env);
      expectOneClearError(run, /^error: stack owned's bucket owned-app-bucket is in ap-northeast-2, not us-west-2$/);
      expect(run.stderr).toMatch(/--region ap-northeast-2/);
      expect(await listEverything(west)).toEqual(before);
    } finally {
      destroyClients(west);
    }
  });
});
