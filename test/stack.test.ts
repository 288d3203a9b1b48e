import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { openStack, type StackSession } from '../src/session.js';
import { plan } from '../src/stack/plan.js';
import { apply, destroy, type ApplyReporter } from '../src/stack/apply.js';
import { stackStatus } from '../src/stack/status.js';
import { defaultTrips } from '../lambdas/domain/index.js';
import { startTestCloud, type TestCloud } from './helpers/cloud.js';
import { recordCalls } from './helpers/calls.js';

const quiet: ApplyReporter = { start() {}, progress() {}, done() {} };

async function waitUntil<T>(fn: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('up -> book -> stats -> re-up -> down on the embedded cloud (strict)', () => {
  let t: TestCloud;
  let session: StackSession;

  beforeAll(async () => {
    t = await startTestCloud({ strict: true, timings: { rolePropagationMs: 300, functionUpdateMs: 100, mappingTransitionMs: 100, tableTransitionMs: 50 } });
    session = await openStack(
      { local: true, port: Number(new URL(t.cloud.endpoint).port), stack: 'e2e' },
      { startLocal: false, withCode: true, trips: defaultTrips },
    );
  }, 60_000);
  afterAll(async () => {
    session?.close();
    await t?.stop();
  });

  it('creates every resource and prints working URLs', async () => {
    const { ctx } = session;
    const first = await plan(ctx);
    expect(first.changes.filter((c) => c.id !== 'seed').every((c) => c.action === 'create')).toBe(true);
    await apply(ctx, first, quiet);
    expect(ctx.outputs.apiUrl).toMatch(/\/_aws\/execute-api\/[a-z0-9]+\/prod$/);

    const booked = await fetch(`${ctx.outputs.apiUrl}/api/book-bus`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(booked.status).toBe(200);
    expect(await booked.json()).toMatchObject({ status: 'queued', requestId: expect.any(String) });

    const stats = await waitUntil(async () => {
      const res = await fetch(ctx.outputs.statsUrl!);
      if (!res.ok) return undefined;
      const body = (await res.json()) as { processed: number };
      return body.processed >= 1 ? body : undefined;
    });
    expect(stats).toMatchObject({ processed: 1, success: 1 });

    const page = await fetch(ctx.outputs.websiteUrl!);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain(ctx.outputs.apiUrl);
    expect(html).toContain(ctx.outputs.statsUrl);

    const preflight = await fetch(`${ctx.outputs.apiUrl}/api/book-bus`, {
      method: 'OPTIONS',
      headers: { origin: 'http://example.test', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/content-type/);
  });

  it('a second up changes nothing and makes no mutating call; counts survive', async () => {
    const { ctx } = session;
    const before = await ctx.clients.dynamodb.send(new GetItemCommand({ TableName: ctx.names.table, Key: { id: { S: 'total' } }, ConsistentRead: true }));
    const recorder = recordCalls(ctx.clients);
    const again = await plan(ctx);
    expect(again.changes.filter((c) => c.action !== 'none')).toEqual([]);
    await apply(ctx, again, quiet);
    expect(recorder.mutating()).toEqual([]);
    expect(recorder.calls.length).toBeGreaterThan(10);
    const after = await ctx.clients.dynamodb.send(new GetItemCommand({ TableName: ctx.names.table, Key: { id: { S: 'total' } }, ConsistentRead: true }));
    expect(after.Item).toEqual(before.Item);
  });

  it('down removes everything; status then shows none; a second down has nothing to do', async () => {
    const { ctx } = session;
    const deleted: string[] = [];
    await destroy(ctx, { progress() {}, deleted: (id, _n, existed) => existed && deleted.push(id) });
    expect(deleted).toEqual(expect.arrayContaining(['http-api', 'mapping', 'function:consumer', 'function:producer', 'queue', 'dlq', 'table', 'bucket']));
    expect(deleted.indexOf('mapping')).toBeLessThan(deleted.indexOf('function:consumer'));
    const status = await stackStatus(ctx);
    expect(status.resources.filter((r) => r.state !== 'missing').map((r) => r.id)).toEqual([]);
    const second: string[] = [];
    await destroy(ctx, { progress() {}, deleted: (id, _n, existed) => existed && second.push(id) });
    expect(second).toEqual([]);
  });
});
