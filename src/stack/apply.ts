import type { Drift } from './drift.js';
import type { Resource, StackContext } from './context.js';
import { StepError } from '../errors.js';
import type { ChangeAction, Plan } from './plan.js';
import { RESOURCES } from './resources/index.js';

export type StepResult = 'created' | 'updated' | 'unchanged';

export interface ApplyReporter {
  start(id: string, name: string, action: ChangeAction): void;
  progress(id: string, message: string): void;
  done(id: string, name: string, result: StepResult, reasons: readonly Drift[], ms: number): void;
}

/**
 * Runs a plan: each step starts as soon as the steps it depends on are done (independent ones run together).
 * A step whose dependencies changed is read and compared again first, since the values it wants
 * (ARNs, URLs) may only be known now; a step with nothing to do makes no AWS call.
 */
export async function apply(ctx: StackContext, thePlan: Plan, reporter: ApplyReporter, resources: Resource<unknown>[] = RESOURCES): Promise<void> {
  const byId = new Map(resources.map((r) => [r.id, r]));
  const changed = new Set<string>();
  const running = new Map<string, Promise<void>>();

  const run = (id: string): Promise<void> => {
    let p = running.get(id);
    if (!p) {
      p = runStep(id);
      running.set(id, p);
    }
    return p;
  };

  async function runStep(id: string) {
    const resource = byId.get(id)!;
    const planned = thePlan.changes.find((c) => c.id === id)!;
    await Promise.all(resource.after.filter((dep) => byId.has(dep)).map(run));
    const stepCtx: StackContext = { ...ctx, progress: (m) => reporter.progress(id, m) };
    const started = Date.now();
    let current = planned.current;
    let reasons = planned.reasons;
    const depsChanged = resource.after.some((d) => changed.has(d));
    if (depsChanged) {
      current = await resource.read(stepCtx);
      if (current !== undefined) resource.outputs(stepCtx, current);
      reasons = resource.diff(stepCtx, current);
    }
    const action: ChangeAction = current === undefined ? 'create' : reasons.length ? 'update' : 'none';
    reporter.start(id, resource.name(stepCtx), action);
    if (action === 'none') {
      reporter.done(id, resource.name(stepCtx), 'unchanged', [], Date.now() - started);
      return;
    }
    try {
      await resource.apply(stepCtx, current, reasons);
    } catch (err) {
      throw new StepError(`${id} (${resource.name(stepCtx)})`, err);
    }
    changed.add(id);
    reporter.done(id, resource.name(stepCtx), action === 'create' ? 'created' : 'updated', reasons, Date.now() - started);
  }

  const all = resources.map((r) => run(r.id));
  const results = await Promise.allSettled(all);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** Deletes the stack: what depends on a resource goes before it (ESM before function, bucket emptied first). */
export async function destroy(
  ctx: StackContext,
  reporter: Pick<ApplyReporter, 'progress'> & { deleted(id: string, name: string, existed: boolean): void },
  resources: Resource<unknown>[] = RESOURCES,
): Promise<void> {
  for (const resource of [...resources].reverse()) {
    const stepCtx: StackContext = { ...ctx, progress: (m) => reporter.progress(resource.id, m) };
    const existed = await resource.destroy(stepCtx);
    reporter.deleted(resource.id, resource.name(stepCtx), existed);
  }
}
