import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import type { StackStatus } from '../../src/stack/status.js';
import { startTestCloud, type TestCloud } from '../helpers/cloud.js';
import { FAST_STRICT, waitUntil } from '../helpers/stack.js';
import { bus, cleanMachine, expectOk, ENV_KEYS, removeMachines } from './cli.js';
import { listEverything } from './inventory.js';

const REGION = 'ap-northeast-2';
const SLOW = 180_000;

const finishedSteps = (stderr: string) => stderr.split('\n').filter((l) => /^[+~] (created|updated)/.test(l)).length;

/** Moments to cut `up` off with SIGKILL, read from what it has printed so far. */
const CUTS: [string, string, (stderr: string) => boolean][] = [
  ['as the first steps start', 'cut-start', (e) => e.includes('(create)')],
  ['with roles and queues made, the rest not', 'cut-early', (e) => finishedSteps(e) >= 3],
  ['while a function waits for its role', 'cut-role', (e) => /waiting for the (new IAM role|function to be Active)/.test(e)],
  ['with the API made, before the page', 'cut-late', (e) => /^\+ created\s+http-api/m.test(e)],
];

describe('killing up half way and running it again finishes the job (AWS code path, strict)', () => {
  let t: TestCloud;
  let aws: string[];

  beforeAll(async () => {
    t = await startTestCloud(FAST_STRICT, REGION);
    aws = ['--endpoint', t.cloud.endpoint, '--region', REGION];
  });
  afterAll(async () => {
    await t?.stop();
    removeMachines();
  });

  it.each(CUTS)('killed %s: the next up completes a working stack, with nothing twice', { timeout: SLOW }, async (_when, stack, cutWhen) => {
    const machine = cleanMachine(ENV_KEYS);
    const killed = await bus(['up', ...aws, '--stack', stack], machine.env, cutWhen);
    expect(killed.signal, killed.stderr).toBe('SIGKILL');

    const resumed = expectOk(await bus(['up', ...aws, '--stack', stack], machine.env));
    const api = resumed.stdout.match(/^ {2}api\s+(\S+)$/m)![1];
    const stats = resumed.stdout.match(/^ {2}stats\.json\s+(\S+)$/m)![1];

    const status = JSON.parse(expectOk(await bus(['status', '--json', ...aws, '--stack', stack], cleanMachine(ENV_KEYS).env)).stdout) as StackStatus;
    expect(status.resources.filter((r) => r.state !== 'ok')).toEqual([]);
    const booked = await fetch(`${api}/api/book-bus`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(booked.status).toBe(200);
    await waitUntil(async () => (((await (await fetch(stats)).json()) as { processed: number }).processed >= 1 ? true : undefined), 20_000);

    const apis = (await t.clients.apigw.send(new GetApisCommand({}))).Items!.filter((a) => a.Name === `${stack}-http-api`);
    expect(apis).toHaveLength(1);
    const mappings = (await t.clients.lambda.send(new ListEventSourceMappingsCommand({ FunctionName: `${stack}-consumer` }))).EventSourceMappings;
    expect(mappings).toHaveLength(1);
    expect((await listEverything(t.clients)).buckets.filter((b) => b.startsWith(stack))).toEqual([`${stack}-app-bucket`]);
  });
});
