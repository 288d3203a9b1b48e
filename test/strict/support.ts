import { afterAll, beforeAll, expect } from 'vitest';
import type { Clients } from '../../src/aws/clients.js';
import { openStack, type StackSession } from '../../src/session.js';
import { apply, type ApplyReporter } from '../../src/stack/apply.js';
import { plan } from '../../src/stack/plan.js';
import type { Resource } from '../../src/stack/context.js';
import { defaultTrips } from '../../lambdas/domain/index.js';
import type { StartOptions } from '../../src/localcloud/cloud.js';
import { startTestCloud, type TestCloud } from '../helpers/cloud.js';
import { deployTestStack, FAST_STRICT, type TestStack } from '../helpers/stack.js';

/** The error a call fails with; the test fails if it succeeds. */
export async function rejection(call: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number; attempts?: number } }> {
  try {
    await call;
  } catch (err) {
    return err as Error;
  }
  expect.fail('the call succeeded');
}

/**
 * A strict cloud with short timings (`opts` overriding some) for the enclosing describe: started before
 * its tests, stopped after them. Call the getter inside hooks and tests.
 */
export function useStrictCloud(opts: StartOptions = {}): () => TestCloud {
  let t: TestCloud | undefined;
  beforeAll(async () => {
    t = await startTestCloud({ ...FAST_STRICT, ...opts, timings: { ...FAST_STRICT.timings, ...opts.timings } });
  });
  afterAll(() => t?.stop());
  return () => t!;
}

/** A stack session on `cloud` for the enclosing describe, opened before its tests and closed after them. */
export function useSession(cloud: () => TestCloud, stack: string): () => StackSession {
  let session: StackSession | undefined;
  beforeAll(async () => {
    session = await openTestSession(cloud(), stack);
  });
  afterAll(() => session?.close());
  return () => session!;
}

/** The whole stack deployed on a strict cloud for the enclosing describe, as `bus-cli up --local` does. */
export function useDeployedStack(stack: string): () => TestStack {
  let deployed: TestStack | undefined;
  beforeAll(async () => {
    deployed = await deployTestStack({ stack });
  }, 60_000);
  afterAll(() => deployed?.stop());
  return () => deployed!;
}

/** A stack session on a running test cloud (code bundled, seed items ready), nothing applied yet. */
export function openTestSession(t: TestCloud, stack: string): Promise<StackSession> {
  return openStack({ local: true, port: Number(new URL(t.cloud.endpoint).port), stack }, { startLocal: false, withCode: true, trips: defaultTrips });
}

/** A reporter that keeps what `up` said it was waiting for, step by step. */
export function progressRecorder() {
  const messages: { id: string; message: string }[] = [];
  const reporter: ApplyReporter = { start() {}, done() {}, progress: (id, message) => messages.push({ id, message }) };
  return { reporter, messages, of: (id: string) => messages.filter((m) => m.id === id).map((m) => m.message) };
}

/** Plans and applies `resources` only (all of them by default), as `up` does. */
export async function up(session: StackSession, reporter: ApplyReporter = progressRecorder().reporter, resources?: Resource<unknown>[]): Promise<void> {
  await apply(session.ctx, await plan(session.ctx, resources), reporter, resources);
}

/** Records the HTTP status of every attempt the clients make, retries included (SDK middleware inside the retry loop). */
export function recordAttempts(clients: Clients) {
  const statuses: number[] = [];
  for (const client of Object.values(clients)) {
    if (!client || typeof client !== 'object' || !('middlewareStack' in client)) continue;
    (client as { middlewareStack: { add: (...args: unknown[]) => void } }).middlewareStack.add(
      (next: (args: unknown) => Promise<{ response: { statusCode: number } }>) => async (args: unknown) => {
        try {
          const out = await next(args);
          statuses.push(out.response.statusCode);
          return out;
        } catch (err) {
          statuses.push((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0);
          throw err;
        }
      },
      { step: 'deserialize', name: 'recordAttempts' },
    );
  }
  return { statuses, failed: () => statuses.filter((s) => s >= 400) };
}
