import { openStack, type StackSession } from '../../src/session.js';
import { plan } from '../../src/stack/plan.js';
import { apply, type ApplyReporter } from '../../src/stack/apply.js';
import type { StackContext } from '../../src/stack/context.js';
import { defaultTrips, type Trip } from '../../lambdas/domain/index.js';
import { startTestCloud, type TestCloud } from './cloud.js';
import type { StartOptions } from '../../src/localcloud/cloud.js';

export const quietReporter: ApplyReporter = { start() {}, progress() {}, done() {} };

/** Short strict-mode delays: the same states and errors as AWS, without the waiting. */
export const FAST_STRICT: StartOptions = {
  strict: true,
  timings: {
    rolePropagationMs: 300,
    functionUpdateMs: 100,
    mappingTransitionMs: 100,
    tableTransitionMs: 50,
    bucketNameReuseMs: 300,
    publicAccessPropagationMs: 200,
  },
};

export interface TestStack {
  t: TestCloud;
  session: StackSession;
  ctx: StackContext;
  stop(): Promise<void>;
}

/** An embedded cloud on a free port with the whole stack deployed on it, as `bus-cli up --local` does. */
export async function deployTestStack(
  opts: { stack?: string; trips?: readonly Trip[]; cloud?: StartOptions; extraEnv?: StackContext['extraEnv']; code?: Partial<StackContext['code']> } = {},
): Promise<TestStack> {
  const t = await startTestCloud(opts.cloud ?? FAST_STRICT);
  const session = await openStack(
    { local: true, port: Number(new URL(t.cloud.endpoint).port), stack: opts.stack ?? 'test' },
    { startLocal: false, withCode: true, trips: opts.trips ?? defaultTrips, extraEnv: opts.extraEnv },
  );
  session.ctx.code = { ...session.ctx.code, ...opts.code };
  await apply(session.ctx, await plan(session.ctx), quietReporter);
  return {
    t,
    session,
    ctx: session.ctx,
    async stop() {
      session.close();
      await t.stop();
    },
  };
}

export async function waitUntil<T>(fn: () => Promise<T | undefined>, timeoutMs = 15_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
