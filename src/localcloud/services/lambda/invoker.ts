import { AwsError } from '../../core/errors.js';
import { functionStateConflict, throttled } from './errors.js';
import type { InvocationResult, InvokeOptions, LambdaRuntime } from './runtime/runtime.js';
import type { LambdaFunction } from './store.js';

/** Largest request payloads Lambda accepts, for synchronous and for asynchronous (Event) invocations. */
const MAX_SYNC_PAYLOAD_BYTES = 6_291_456;
const MAX_ASYNC_PAYLOAD_BYTES = 1_048_576;

/**
 * How a caller reacts to a function at its reserved concurrency: synchronous callers are throttled
 * (429) like on Lambda; the event source poller and Event invocations wait for a free worker.
 */
export type Admission = 'throttle' | 'wait';

/** The checks Lambda makes before running anything, shared by Invoke, the in-process API and the pollers. */
export class Invoker {
  constructor(private readonly runtime: LambdaRuntime) {}

  /** What DryRun verifies: the function can be invoked now. */
  check(fn: LambdaFunction): void {
    if (fn.state === 'Pending') throw functionStateConflict(fn.state);
  }

  /** An environment for a poller's next batch, held until it invokes (see WorkerPool.claim). */
  claim(fn: LambdaFunction): Promise<() => void> {
    return this.runtime.claim(fn);
  }

  async invoke(fn: LambdaFunction, payload: Buffer | string, admission: Admission, options: InvokeOptions = {}): Promise<InvocationResult> {
    this.check(fn);
    const event = eventOf(payload, MAX_SYNC_PAYLOAD_BYTES);
    const reserved = fn.reservedConcurrency;
    if (reserved === 0 || (admission === 'throttle' && reserved !== undefined && this.runtime.load(fn) >= reserved)) throw throttled();
    return this.runtime.invoke(fn, event, options);
  }

  /** InvocationType Event: accepted at once, run in the background; the outcome only shows in the logs. */
  invokeAsync(fn: LambdaFunction, payload: Buffer): void {
    this.check(fn);
    const event = eventOf(payload, MAX_ASYNC_PAYLOAD_BYTES);
    if (fn.reservedConcurrency === 0) throw throttled();
    // Nobody waits for the result; a function deleted meanwhile just drops the event.
    this.runtime.invoke(fn, event).catch(() => undefined);
  }
}

/** The payload as the JSON text a worker parses: empty means `{}`, anything else must be JSON. */
function eventOf(payload: Buffer | string, limit: number): string {
  const text = typeof payload === 'string' ? payload : payload.toString('utf8');
  if (Buffer.byteLength(text) > limit) {
    throw new AwsError('RequestTooLargeException', `Request must be smaller than ${limit} bytes for the InvokeFunction operation`, 413, true, { Type: 'User' });
  }
  if (text.trim() === '') return '{}';
  try {
    JSON.parse(text);
  } catch (err) {
    throw new AwsError(
      'InvalidRequestContentException',
      `Could not parse request body into json: Could not parse payload into json: ${(err as Error).message}`,
      400,
      true,
      { Type: 'User' },
    );
  }
  return text;
}
