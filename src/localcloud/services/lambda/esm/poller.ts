import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ReceivedMessage, SqsApi } from '../../../core/types.js';
import type { Invoker } from '../invoker.js';
import type { EventSourceMapping, LambdaFunction } from '../store.js';
import { failedItems } from './batchResult.js';
import { sqsRecord } from './records.js';

/** Batches in flight at once when the mapping sets no ScalingConfig. */
export const DEFAULT_CONCURRENCY = 5;
/** ReceiveMessage returns at most this many messages per call. */
const RECEIVE_MAX = 10;
/** An idle queue is long-polled like Lambda does, so an empty queue costs nothing. */
const LONG_POLL_SECONDS = 20;
/** Pause before polling again when the function cannot run now (missing, Pending, throttled). */
const RETRY_PAUSE_MS = 1000;

export interface PollerDeps {
  sqs: () => SqsApi;
  invoker: Invoker;
  /** The mapping's function now: it may have been deleted or re-created since. */
  functionOf(mapping: EventSourceMapping): LambdaFunction | undefined;
}

/**
 * Lambda's SQS poller for one enabled mapping: several loops each receive a batch (up to
 * BatchSize, within MaximumBatchingWindowInSeconds), invoke the function with it and delete the
 * messages that succeeded. A loop goes straight on while the queue has messages.
 */
export class SqsPoller {
  private stopped = false;
  /** Ends the loops' long polls at stop, so that a stopped poller takes no message it would only hand back. */
  private readonly stopping = new AbortController();

  constructor(
    private readonly mapping: EventSourceMapping,
    private readonly deps: PollerDeps,
    readonly concurrency = mapping.maximumConcurrency ?? DEFAULT_CONCURRENCY,
  ) {
    // Every loop's long poll listens on it (ScalingConfig allows up to 1,000 loops; Node warns past 10).
    setMaxListeners(concurrency + 1, this.stopping.signal);
    for (let i = 0; i < concurrency; i++) void this.loop();
  }

  stop(): void {
    this.stopped = true;
    this.stopping.abort();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.pollOnce();
      } catch {
        // Throttled, function gone, queue gone...: Lambda keeps polling, and a batch it could not
        // hand over comes back after its visibility timeout.
        this.mapping.lastProcessingResult = 'PROBLEM: Function call failed';
        await sleep(RETRY_PAUSE_MS);
      }
    }
  }

  private async pollOnce(): Promise<void> {
    const fn = this.deps.functionOf(this.mapping);
    if (fn?.state !== 'Active') {
      await sleep(RETRY_PAUSE_MS);
      return;
    }
    // Receive only once an environment can take the batch at once, as on Lambda (WorkerPool.claim).
    const letGo = await this.deps.invoker.claim(fn);
    let batch: ReceivedMessage[];
    try {
      batch = await this.collectBatch();
    } finally {
      // In the same turn as the invoke below, which takes the slot over.
      letGo();
    }
    if (this.stopped) this.release(batch);
    else if (batch.length) await this.process(fn, batch);
  }

  private receive(max: number, waitSeconds: number): Promise<ReceivedMessage[]> {
    return this.deps.sqs().receive(this.mapping.eventSourceArn, Math.min(RECEIVE_MAX, max), waitSeconds, this.stopping.signal);
  }

  /** Long-polls for a first message, then fills the batch with what arrives within the batching window. */
  private async collectBatch(): Promise<ReceivedMessage[]> {
    const { batchSize, maximumBatchingWindowInSeconds } = this.mapping;
    const batch = await this.receive(batchSize, LONG_POLL_SECONDS);
    if (batch.length === 0) return batch;
    const windowEnds = Date.now() + maximumBatchingWindowInSeconds * 1000;
    while (batch.length < batchSize && !this.stopped) {
      const waitSeconds = Math.max(0, windowEnds - Date.now()) / 1000;
      const more = await this.receive(batchSize - batch.length, waitSeconds);
      if (more.length === 0) break;
      batch.push(...more);
    }
    return batch;
  }

  private async process(fn: LambdaFunction, batch: ReceivedMessage[]): Promise<void> {
    const { eventSourceArn, region, functionResponseTypes } = this.mapping;
    const event = JSON.stringify({ Records: batch.map((m) => sqsRecord(m, eventSourceArn, region)) });
    const result = await this.deps.invoker.invoke(fn, event, 'wait');
    const failed = result.functionError
      ? 'all'
      : functionResponseTypes.includes('ReportBatchItemFailures')
        ? failedItems(result.payload, new Set(batch.map((m) => m.MessageId)))
        : new Set<string>();
    // Failed messages stay in flight and reappear after the visibility timeout (then SQS redrive).
    this.mapping.lastProcessingResult = failed === 'all' ? 'PROBLEM: Function call failed' : 'OK';
    if (failed === 'all') return;
    const sqs = this.deps.sqs();
    for (const m of batch) if (!failed.has(m.MessageId)) sqs.deleteMessage(eventSourceArn, m.ReceiptHandle);
  }

  /** Messages received after the mapping stopped go back to the queue at once. */
  private release(batch: ReceivedMessage[]): void {
    const sqs = this.deps.sqs();
    for (const m of batch) sqs.changeVisibility(this.mapping.eventSourceArn, m.ReceiptHandle, 0);
  }
}
