import { randomUUID } from 'node:crypto';
import { functionStateConflict, updateInProgress } from './errors.js';
import type { Scheduler } from './scheduler.js';
import type { FunctionCode, FunctionConfig, LambdaFunction } from './store.js';

/** `2024-05-01T12:34:56.789+0000`: Lambda's LastModified. */
export const lastModifiedNow = () => new Date().toISOString().replace('Z', '+0000');

/** Runs `then` once the delay has passed and `ready` (the runtime's Node being fetched) has settled. */
function whenReady(scheduler: Scheduler, delayMs: number, ready: Promise<unknown> | undefined, then: () => void): void {
  if (!ready) {
    scheduler.after(delayMs, then);
    return;
  }
  const started = Date.now();
  void ready.finally(() => scheduler.after(delayMs - (Date.now() - started), then));
}

/** A new function is Pending (its update InProgress) until the delay passes and its runtime is ready, then Active. */
export function beginCreation(fn: LambdaFunction, scheduler: Scheduler, delayMs: number, ready?: Promise<unknown>): void {
  fn.state = 'Pending';
  fn.lastUpdateStatus = 'InProgress';
  whenReady(scheduler, delayMs, ready, () => {
    fn.state = 'Active';
    fn.lastUpdateStatus = 'Successful';
  });
}

/** Lambda refuses a change while the function is still being created or updated. */
export function assertUpdatable(fn: LambdaFunction): void {
  if (fn.state === 'Pending') throw functionStateConflict(fn.state);
  if (fn.lastUpdateStatus === 'InProgress') throw updateInProgress(fn.arn);
}

/**
 * Applies a code or configuration change: reported at once with LastUpdateStatus InProgress,
 * run by new workers once the delay has passed (invocations meanwhile use the previous revision);
 * `landed` runs as the new revision goes live.
 */
export function beginUpdate(
  fn: LambdaFunction,
  change: { config?: FunctionConfig; code?: FunctionCode },
  scheduler: Scheduler,
  delayMs: number,
  landed: () => void,
  ready?: Promise<unknown>,
): void {
  assertUpdatable(fn);
  fn.config = change.config ?? fn.config;
  fn.code = change.code ?? fn.code;
  fn.revisionId = randomUUID();
  fn.lastModified = lastModifiedNow();
  fn.lastUpdateStatus = 'InProgress';
  whenReady(scheduler, delayMs, ready, () => {
    fn.live = { config: fn.config, code: fn.code, revision: fn.live.revision + 1 };
    fn.lastUpdateStatus = 'Successful';
    landed();
  });
}
