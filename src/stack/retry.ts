import { setTimeout as sleep } from 'node:timers/promises';
/** Bounded retries with exponential backoff, for AWS's eventual consistency (e.g. IAM role propagation). */
export interface RetryOptions {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Called before each wait, e.g. to say on the spinner why we are waiting. */
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
}

export async function retry<T>(fn: () => Promise<T>, isRetryable: (err: unknown) => boolean, opts: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= opts.attempts || !isRetryable(err)) throw err;
      const delay = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** (attempt - 1));
      opts.onRetry?.(err, attempt, delay);
      await sleep(delay);
    }
  }
}

/** Polls `check` until it returns a value or the deadline passes (for states with no SDK waiter). */
export async function waitFor<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 60_000, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await sleep(intervalMs);
  }
}

export const errorName = (err: unknown): string => (err as { name?: string })?.name ?? '';
export const isNotFound = (err: unknown): boolean =>
  [
    'ResourceNotFoundException',
    'NoSuchEntity',
    'NoSuchEntityException',
    'NotFoundException',
    'NoSuchBucket',
    'NotFound',
    'QueueDoesNotExist',
    'AWS.SimpleQueueService.NonExistentQueue',
  ].includes(errorName(err)) || (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 404;

/** SDK waiter pacing: AWS's own defaults are minutes-scale; a local endpoint settles in milliseconds. */
export function waiterTiming(endpoint: string | undefined, maxWaitTime: number) {
  return endpoint ? { maxWaitTime, minDelay: 0.2, maxDelay: 2 } : { maxWaitTime, minDelay: 2, maxDelay: 15 };
}

/** Runs a delete (or a check before one); false when AWS says the thing is not there, anything else still throws. */
export async function doneUnlessNotFound(run: () => Promise<unknown>): Promise<boolean> {
  const done = await unlessNotFound(async () => {
    await run();
    return true;
  });
  return done ?? false;
}

/** Runs a read; a not-found answer means "does not exist" (undefined), anything else still throws. */
export async function unlessNotFound<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}
