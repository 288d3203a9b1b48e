import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { TRIP_PREFIX } from '../lambdas/domain/index.js';
import { createClients, destroyClients } from '../src/aws/clients.js';
import { startTestCloud, type TestCloud } from './helpers/cloud.js';
import { freshHome, runCli } from './helpers/cli.js';

const TRIPS = [
  { id: 'seoul-gangneung-1', from: '서울', to: '강릉', date: '2026-09-24', departure: '09:00', seats: 30 },
  { id: 'seoul-jeonju-1', from: '서울', to: '전주', date: '2026-09-24', departure: '10:00', seats: 20 },
];

describe("the trips of `up --trips` are part of the stack's desired state (issue 14)", () => {
  let t: TestCloud;
  const home = freshHome();
  const cli = (args: string[]) => runCli(args, { BUS_CLI_HOME: home }, 120_000);
  beforeAll(async () => {
    t = await startTestCloud();
  });
  afterAll(() => t?.stop());

  it('status after up --trips shows no drift, and a plain up writes no trip of the default timetable', async () => {
    const file = join(home, 'trips.json');
    writeFileSync(file, JSON.stringify(TRIPS));
    const up = await cli(['up', '--endpoint', t.cloud.endpoint, '--stack', 'tripsfile', '--trips', file]);
    expect(up.code, up.stderr).toBe(0);

    const status = JSON.parse((await cli(['status', '--json'])).stdout) as { resources: { id: string; state: string; drift: string[] }[] };
    expect(status.resources.find((r) => r.id === 'seed')).toMatchObject({ state: 'ok' });
    expect(status.resources.filter((r) => r.state !== 'ok')).toEqual([]);

    expect((await cli(['up'])).code).toBe(0);
    const clients = createClients({ region: 'ap-northeast-2', endpoint: t.cloud.endpoint });
    try {
      const { Items } = await clients.dynamodb.send(new ScanCommand({ TableName: 'tripsfile-stats' }));
      const tripIds = (Items ?? []).map((i) => i.id.S!).filter((id) => id.startsWith(TRIP_PREFIX));
      expect(tripIds.sort()).toEqual(TRIPS.map((trip) => `${TRIP_PREFIX}${trip.id}`).sort());
    } finally {
      destroyClients(clients);
    }
  });
});
