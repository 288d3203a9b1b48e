import type { SQSRecord } from 'aws-lambda';

/** Fault injection for the acceptance tests, off unless the stack sets the FAULT_* rates. */
export class InjectedTransientFault extends Error {
  override name = 'InjectedTransientFault';
}

/** Thrown out of the handler after a commit, so the whole batch is redelivered. */
export class InjectedCrash extends Error {
  override name = 'InjectedCrash';
}

const hit = (rate: number) => rate > 0 && Math.random() < rate;

/**
 * The transient faults of one invocation: each record is drawn once, whichever path settles it (together
 * with its trip's, or alone after its group was refused), so FAULT_TRANSIENT_RATE is the rate per attempt.
 */
export function transientFaults(rate: number): (record: SQSRecord) => void {
  const fails = new Map<SQSRecord, boolean>();
  return (record) => {
    if (!fails.has(record)) fails.set(record, hit(rate));
    if (fails.get(record)) throw new InjectedTransientFault('injected transient fault (FAULT_TRANSIENT_RATE)');
  };
}

export function maybeCrashAfterCommit(rate: number): void {
  if (hit(rate)) throw new InjectedCrash('injected crash after commit (FAULT_CRASH_AFTER_COMMIT_RATE)');
}
