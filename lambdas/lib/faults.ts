/** Fault injection for the acceptance tests, off unless the stack sets the FAULT_* rates. */
export class InjectedTransientFault extends Error {
  override name = 'InjectedTransientFault';
}

/** Thrown out of the handler after a commit, so the whole batch is redelivered. */
export class InjectedCrash extends Error {
  override name = 'InjectedCrash';
}

const hit = (rate: number) => rate > 0 && Math.random() < rate;

export function maybeFailTransiently(rate: number): void {
  if (hit(rate)) throw new InjectedTransientFault('injected transient fault (FAULT_TRANSIENT_RATE)');
}

export function maybeCrashAfterCommit(rate: number): void {
  if (hit(rate)) throw new InjectedCrash('injected crash after commit (FAULT_CRASH_AFTER_COMMIT_RATE)');
}
