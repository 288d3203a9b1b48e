import type { EventSourceMapping } from '../store.js';
import { DEFAULT_CONCURRENCY, SqsPoller, type PollerDeps } from './poller.js';

/** One poller per Enabled mapping, started and stopped as mappings change state. */
export class EventSourcePollers {
  private readonly running = new Map<string, SqsPoller>();

  constructor(private readonly deps: PollerDeps) {}

  /** Brings the mapping's poller in line with its state and ScalingConfig. */
  sync(mapping: EventSourceMapping): void {
    const poller = this.running.get(mapping.uuid);
    const wanted = mapping.state === 'Enabled';
    if (poller && (!wanted || poller.concurrency !== (mapping.maximumConcurrency ?? DEFAULT_CONCURRENCY))) this.stop(mapping);
    if (wanted && !this.running.has(mapping.uuid)) this.running.set(mapping.uuid, new SqsPoller(mapping, this.deps));
  }

  stop(mapping: EventSourceMapping): void {
    this.running.get(mapping.uuid)?.stop();
    this.running.delete(mapping.uuid);
  }

  stopAll(): void {
    for (const poller of this.running.values()) poller.stop();
    this.running.clear();
  }
}
