import { AwsError } from '../../../core/errors.js';
import type { LambdaServices } from '../action.js';
import type { EventSourceMapping, LambdaStore, MappingState } from '../store.js';

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Changes are refused while a mapping is between states (Creating, Updating...). */
export function assertSettled(m: EventSourceMapping): void {
  if (m.state !== 'Enabled' && m.state !== 'Disabled') {
    throw new AwsError(
      'ResourceInUseException',
      `The event source mapping ${m.uuid} is currently in the ${m.state} state. Retry once it is Enabled or Disabled.`,
      400,
      true,
      {
        Type: 'User',
      },
    );
  }
}

/** Puts the mapping in a transitional state, then (after the delay) in Enabled or Disabled as asked, starting or stopping its poller. */
export function transition(m: EventSourceMapping, through: MappingState, services: Pick<LambdaServices, 'scheduler' | 'pollers'>, delayMs: number): void {
  m.state = through;
  m.lastModified = nowSeconds();
  services.pollers.sync(m);
  services.scheduler.after(delayMs, () => {
    if (m.state !== through) return;
    m.state = m.enabled ? 'Enabled' : 'Disabled';
    services.pollers.sync(m);
  });
}

/** Deleting: polling stops at once, the mapping disappears after the delay. */
export function beginDeletion(m: EventSourceMapping, store: LambdaStore, services: Pick<LambdaServices, 'scheduler' | 'pollers'>, delayMs: number): void {
  m.state = 'Deleting';
  services.pollers.stop(m);
  services.scheduler.after(delayMs, () => store.mappings(m.region).delete(m.uuid));
}
