import type { Drift } from './drift.js';
import type { Resource, StackContext } from './context.js';
import { RESOURCES } from './resources/index.js';

export type ChangeAction = 'create' | 'update' | 'none';

export interface Change {
  id: string;
  name: string;
  action: ChangeAction;
  reasons: Drift[];
  /** What read() saw; apply uses it to change only what differs. */
  current: unknown;
}

export interface Plan {
  changes: Change[];
}

/**
 * Reads every resource and says what `up` would change and why — no side effects.
 * Values only known after an earlier resource exists (ARNs, URLs) come from what exists now.
 */
export async function plan(ctx: StackContext, resources: Resource<unknown>[] = RESOURCES): Promise<Plan> {
  const changes: Change[] = [];
  // Outputs are re-learnt from what exists now, not kept from an earlier plan.
  for (const key of Object.keys(ctx.outputs) as (keyof typeof ctx.outputs)[]) if (key !== 'account') delete ctx.outputs[key];
  // Reads need only names, so they run together; outputs and diffs then go in dependency order.
  const currents = await Promise.all(resources.map((r) => r.read(ctx)));
  for (const [i, resource] of resources.entries()) {
    const current = currents[i];
    if (current !== undefined) resource.outputs(ctx, current);
    const reasons = resource.diff(ctx, current);
    const action: ChangeAction = current === undefined ? 'create' : reasons.length ? 'update' : 'none';
    changes.push({ id: resource.id, name: resource.name(ctx), action, reasons, current });
  }
  return { changes };
}

export const hasChanges = (p: Plan) => p.changes.some((c) => c.action !== 'none');
