import type { CloudContext } from '../../core/types.js';
import { PerRegion } from '../../core/regions.js';
import { fauxqsModule, loadSqsHandlers, type FauxHandler } from './fauxqs.js';
import { fromFauxqsError } from './errors.js';
import { redriveAsAws } from './redrive.js';
import { SqsJournal, type JournaledQueue } from './journal.js';

export const ALL_ATTRIBUTES = ['All'];

/** fauxqs's store of one region's queues. */
export interface FauxStore {
  host: string;
  readonly queues: Map<string, FauxQueue>;
  createQueue(name: string, url: string, arn: string, attributes: Record<string, string>, tags: Record<string, string>): FauxQueue;
  getQueue(url: string): FauxQueue | undefined;
  getQueueByName(name: string): FauxQueue | undefined;
  getQueueByArn(arn: string): FauxQueue | undefined;
  shutdown(): void;
}
export interface FauxQueue extends JournaledQueue {
  isFifo(): boolean;
  getAllAttributes(names: string[]): Record<string, string>;
  /** Resolves when a message may be there to receive, or after `waitTimeSeconds` (fauxqs's long poll). */
  waitForMessages(waitTimeSeconds: number): Promise<void>;
}
type Md5OfAttributes = (attributes: Record<string, unknown>) => string;

/**
 * What SQS's operations work on: fauxqs's stores (one per region: queues are regional) and operation
 * handlers, the journal of a durable cloud, and what AWS remembers that fauxqs does not (queues deleted
 * recently, purges in progress).
 */
export class SqsQueues {
  private stores!: PerRegion<FauxStore>;
  private handlers!: Map<string, FauxHandler>;
  journal!: SqsJournal;
  md5OfAttributes!: Md5OfAttributes;
  /** When a queue name (`<region>/<name>`) was last deleted: strict mode refuses to re-create it for a while. */
  readonly deletedAt = new Map<string, number>();
  /** When a queue was last purged: a second PurgeQueue within a minute is refused. */
  readonly purgedAt = new WeakMap<FauxQueue, number>();

  constructor(private readonly cloud: CloudContext) {}

  async start(): Promise<void> {
    const { SqsStore } = await fauxqsModule<{ SqsStore: new () => FauxStore }>('sqs/sqsStore.js');
    this.stores = new PerRegion(() => {
      const store = new SqsStore();
      const createQueue = store.createQueue.bind(store);
      store.createQueue = (...args) => this.journal.watch(redriveAsAws(createQueue(...args)));
      // Path-style queue URLs on the edge's own host (LocalStack's SQS_ENDPOINT_STRATEGY=path): no DNS needed.
      store.host = '';
      return store;
    });
    this.journal = new SqsJournal(this.cloud.options, () => this.stores.all().flatMap((store) => [...store.queues.values()]));
    this.journal.restore((q) => this.stores.of(q.arn.split(':')[3]).createQueue(q.name, q.url, q.arn, q.attributes, Object.fromEntries(q.tags)));
    this.handlers = await loadSqsHandlers();
    ({ md5OfMessageAttributes: this.md5OfAttributes } = await fauxqsModule<{ md5OfMessageAttributes: Md5OfAttributes }>('common/md5.js'));
  }

  stop(): void {
    this.journal?.close();
    for (const store of this.stores?.all() ?? []) store.shutdown();
  }

  storeOf(region: string): FauxStore {
    return this.stores.of(region);
  }

  /** The store of a queue's region (arn:aws:sqs:<region>:<account>:<name>), if that region has one yet. */
  storeOfArn(queueArn: string): FauxStore | undefined {
    return this.stores.existing(queueArn.split(':')[3] ?? '');
  }

  /** The queue a URL names, whatever host the client used. */
  queueFromUrl(store: FauxStore, url: unknown): FauxQueue | undefined {
    return typeof url === 'string' ? (store.getQueue(url) ?? store.getQueueByName(url.split('/').pop() ?? '')) : undefined;
  }

  /** fauxqs's own handler of `operation` (the in-process SqsApi calls it as is). */
  handler(operation: string): FauxHandler {
    return this.handlers.get(operation)!;
  }

  /** fauxqs's handler of `operation` for a call on the wire, its errors as AWS's. */
  async call(operation: string, body: Record<string, unknown>, store: FauxStore, headers: Record<string, unknown>): Promise<Record<string, unknown>> {
    try {
      return (await this.handler(operation)(body, store, { headers })) as Record<string, unknown>;
    } catch (err) {
      throw fromFauxqsError(err);
    }
  }
}
