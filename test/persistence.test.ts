import { createServer } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { freshHome, runCli, type CliResult } from './helpers/cli.js';
import { daemonFiles } from '../src/localcloud/daemon.js';
import { LOCAL_CREDENTIALS } from '../src/aws/clients.js';
import { SETTINGS, stackNames } from '../src/stack/config.js';
import { DEFAULT_REGION } from '../src/session.js';
import { BOOKING_PREFIX, readString, recountTable, scanTable, type Recount, type Trip } from '../lambdas/domain/index.js';

/**
 * Issue 12's acceptance, with real processes: the detached cloud `up --local` starts, killed with
 * SIGKILL in the middle of a flood, then `up --local` again on the same state dir. Nothing the API
 * accepted is lost; the queue's messages (those in flight at the kill come back after their
 * visibility timeout, 60 s) finish their bookings; the table's invariants hold.
 */

const TRIP: Trip = { id: 'persist-400', from: '서울', to: '광주', date: '2026-09-25', departure: '09:00', seats: 400 };
const BOOKED_FIRST = 50;
const FLOOD = 1_000;
const CONNECTIONS = 20;
/** The kill comes once this many flood requests are answered. */
const KILL_AFTER = 300;
/** A client retries a request that got no answer (the cloud was down) with the same Idempotency-Key. */
const RETRY_PAUSE_MS = 250;
const GIVE_UP_MS = 120_000;
/** A booking's producer may have died between its two writes: its retry after `sendBy` (the function timeout) sends it again. */
const SEND_BY_MS = (SETTINGS.functionTimeoutSeconds + 1) * 1000;
const DRAIN_TIMEOUT_MS = 150_000;
const FINAL = new Set(['confirmed', 'sold_out', 'rejected', 'failed']);
const TABLE = stackNames().table;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The API URL `up` prints, the resources it changed (`+ created`, `~ updated`...) and how many it left `= unchanged`. */
function upResult(r: CliResult) {
  if (r.code !== 0) throw new Error(`up failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
  const api = /^\s*api\s+(http\S+)/m.exec(r.stdout)?.[1];
  if (!api) throw new Error(`up printed no API URL:\n${r.stdout}`);
  const lines = `${r.stdout}\n${r.stderr}`.split('\n');
  return { api, changed: lines.filter((line) => /^\s*[+~] (created|updated)/.test(line)), unchanged: lines.filter((line) => /= unchanged/.test(line)).length };
}

interface Sent {
  key: string;
  /** The requestId of a 200, once one came. */
  requestId?: string;
  /** When that answer came. */
  answeredAt?: number;
  /** Some attempt got no answer: the request may have been accepted with its answer lost. */
  unsure: boolean;
}

/** POST /api/book-bus with retries while the cloud is away; the same Idempotency-Key each time. */
async function book(api: () => string, sent: Sent): Promise<void> {
  const deadline = Date.now() + GIVE_UP_MS;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${api()}/api/book-bus`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': sent.key },
        body: JSON.stringify({ tripId: TRIP.id, seats: 1, passenger: 'persist' }),
      });
      const body = (await res.json().catch(() => ({}))) as { requestId?: string };
      if (res.status === 200 && body.requestId) {
        sent.requestId = body.requestId;
        sent.answeredAt = Date.now();
        return;
      }
      if (res.status < 500) throw new Error(`book-bus answered ${res.status}: ${JSON.stringify(body)}`);
    } catch (err) {
      if ((err as Error).message.startsWith('book-bus answered')) throw err;
    }
    sent.unsure = true;
    await sleep(RETRY_PAUSE_MS);
  }
  throw new Error(`no answer for ${sent.key} within ${GIVE_UP_MS} ms`);
}

async function bookAll(api: () => string, keys: string[], onAnswer: () => void = () => {}): Promise<Sent[]> {
  const all = keys.map((key): Sent => ({ key, unsure: false }));
  let next = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < all.length) {
        const sent = all[next++];
        await book(api, sent);
        onAnswer();
      }
    }),
  );
  return all;
}

describe('the embedded cloud keeps its state across kill -9, stop and start (issue 12)', () => {
  const home = freshHome();
  const env = { BUS_CLI_HOME: home };
  let port: number;
  let api: string;
  let dynamodb: DynamoDBClient;
  const stateDir = () => daemonFiles(home, port).dir;
  const cloudPid = () => Number(readFileSync(daemonFiles(home, port).pidFile, 'utf8'));
  const up = async () => upResult(await runCli(['up', '--local', '--port', String(port), '--trips', join(home, 'trips.json')], env, 120_000));

  async function drained(): Promise<Recount> {
    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    let counted = await recountTable(dynamodb, TABLE);
    while (counted.byStatus.queued > 0 && Date.now() < deadline) {
      await sleep(1_000);
      counted = await recountTable(dynamodb, TABLE);
    }
    return counted;
  }

  beforeAll(async () => {
    port = await freePort();
    writeFileSync(join(home, 'trips.json'), JSON.stringify([TRIP]));
    ({ api } = await up());
    dynamodb = new DynamoDBClient({ region: DEFAULT_REGION, endpoint: `http://127.0.0.1:${port}`, credentials: LOCAL_CREDENTIALS });
  }, 150_000);
  afterAll(async () => {
    dynamodb?.destroy();
    await runCli(['local', 'stop', '--port', String(port)], env);
  });

  it('kill -9 in the middle of a 1,000-request flood: the same API URL answers, every accepted booking reaches one final state, no oversell', async () => {
    const first = await bookAll(
      () => api,
      Array.from({ length: BOOKED_FIRST }, (_, i) => `first-${i}`),
    );
    let answered = 0;
    let killedAt = 0;
    let restarted: Promise<ReturnType<typeof upResult>> | undefined;
    const flood = bookAll(
      () => api,
      Array.from({ length: FLOOD }, (_, i) => `flood-${i}`),
      () => {
        if (++answered !== KILL_AFTER) return;
        process.kill(cloudPid(), 'SIGKILL');
        killedAt = Date.now();
        restarted = up();
      },
    );
    const sent = [...first, ...(await flood)];
    const again = await restarted!;
    process.stdout.write(
      `killed after ${KILL_AFTER} answers; up again: ${again.unchanged} resources unchanged, ${again.changed.length} changed; flood over ${Date.now() - killedAt} ms after the kill\n`,
    );
    expect([again.api, again.changed]).toEqual([api, []]);
    expect(again.unchanged).toBeGreaterThan(5);

    // A request whose answer was lost may have been accepted with its message unsent: its client sends it again after sendBy.
    await sleep(Math.max(0, killedAt + SEND_BY_MS - Date.now()));
    await bookAll(
      () => api,
      sent.filter((s) => s.unsure).map((s) => s.key),
    );

    const counted = await drained();
    const items = await scanTable(dynamodb, TABLE);
    const status = new Map(
      items
        .filter((i) => readString(i, 'id')!.startsWith(BOOKING_PREFIX))
        .map((i) => [readString(i, 'id')!.slice(BOOKING_PREFIX.length), readString(i, 'status')]),
    );
    const acceptedBeforeKill = sent.filter((s) => s.answeredAt! < killedAt);
    const trip = counted.perTrip[TRIP.id];
    const byStatus = Object.entries(counted.byStatus)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    console.log(
      `[persistence] accepted before the kill ${acceptedBeforeKill.length}, bookings ${counted.bookings} (${byStatus}), seats ${trip.seats}: confirmed ${trip.confirmedSeats}, left ${trip.seatsLeft}, violations ${counted.violations.length}`,
    );
    expect(acceptedBeforeKill.length).toBeGreaterThanOrEqual(BOOKED_FIRST + KILL_AFTER - CONNECTIONS);
    expect(acceptedBeforeKill.filter((s) => !FINAL.has(status.get(s.requestId!) ?? 'missing'))).toEqual([]);
    expect(sent.filter((s) => !FINAL.has(status.get(s.requestId!) ?? 'missing'))).toEqual([]);
    expect(counted.violations).toEqual([]);
    expect(counted.bookings).toBe(BOOKED_FIRST + FLOOD);
    expect(trip.seats - trip.seatsLeft).toBe(trip.confirmedSeats);
    expect(trip.seatsLeft).toBeGreaterThanOrEqual(0);
    expect(trip.confirmedSeats).toBe(TRIP.seats);
  }, 360_000);

  it('local stop + local start keep everything; a re-up changes nothing; a second cloud on the same state dir is refused', async () => {
    const before = await recountTable(dynamodb, TABLE);
    expect((await runCli(['local', 'stop', '--port', String(port)], env)).stdout).toMatch(/stopped/);
    expect((await runCli(['local', 'start', '--detach', '--port', String(port)], env)).code).toBe(0);
    const after = await recountTable(dynamodb, TABLE);
    expect(after).toEqual(before);
    const again = await up();
    expect([again.api, again.changed]).toEqual([api, []]);
    expect(again.unchanged).toBeGreaterThan(5);
    const booking = await fetch(
      `${api}/api/bookings/${readString((await scanTable(dynamodb, TABLE)).find((i) => readString(i, 'id')!.startsWith(BOOKING_PREFIX))!, 'requestId')}`,
    );
    expect(booking.status).toBe(200);

    const second = await runCli(['local', 'start', '--port', String(await freePort()), '--state-dir', stateDir()], env);
    expect(second.code).not.toBe(0);
    expect(second.stderr).toMatch(new RegExp(`the state dir ${stateDir()} is in use by another local cloud \\(pid ${cloudPid()}\\)`));
  }, 180_000);
});
