/** Oldest events are dropped past this many per group, so a long flood cannot exhaust memory. */
export const MAX_EVENTS_PER_GROUP = 100_000;
/** How many events one trim drops at once (trimming per event would be quadratic). */
const TRIM_BATCH = 10_000;

export interface StoredEvent {
  /** Position in the whole store: orders events and makes pagination tokens. */
  seq: number;
  timestamp: number;
  ingestionTime: number;
  message: string;
  stream: LogStream;
}

export class LogStream {
  events: StoredEvent[] = [];
  constructor(
    readonly name: string,
    readonly group: LogGroup,
    readonly creationTime: number,
  ) {}
}

export class LogGroup {
  readonly streams = new Map<string, LogStream>();
  /** Every event of every stream, in ingestion order (which is timestamp order: the runtime stamps them on arrival). */
  events: StoredEvent[] = [];
  retentionInDays?: number;
  storedBytes = 0;
  constructor(
    readonly name: string,
    readonly creationTime: number,
  ) {}

  stream(name: string): LogStream {
    let stream = this.streams.get(name);
    if (!stream) {
      stream = new LogStream(name, this, Date.now());
      this.streams.set(name, stream);
    }
    return stream;
  }

  trim(): void {
    if (this.events.length <= MAX_EVENTS_PER_GROUP) return;
    const cutoff = this.events[TRIM_BATCH].seq;
    this.events = this.events.slice(TRIM_BATCH);
    for (const stream of this.streams.values()) stream.events = stream.events.slice(firstAtOrAfter(stream.events, cutoff));
  }
}

/** Index of the first event whose seq is >= `seq` (events are seq-ordered). */
export function firstAtOrAfter(events: readonly StoredEvent[], seq: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid].seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** CloudWatch Logs data: log groups per region, each with its streams and events. */
export class LogStore {
  private readonly regions = new Map<string, Map<string, LogGroup>>();
  /** Hears every change (a durable cloud journals it), after the store made it. */
  onChange?: (change: LogChange) => void;
  private seq = 0;

  groups(region: string): Map<string, LogGroup> {
    let groups = this.regions.get(region);
    if (!groups) {
      groups = new Map();
      this.regions.set(region, groups);
    }
    return groups;
  }

  createGroup(region: string, name: string, creationTime = Date.now()): LogGroup {
    const group = new LogGroup(name, creationTime);
    this.groups(region).set(name, group);
    return group;
  }

  append(region: string, groupName: string, streamName: string, messages: readonly string[], timestamp: number, ingestionTime = Date.now()): void {
    const group = this.groups(region).get(groupName) ?? this.createGroup(region, groupName);
    const stream = group.stream(streamName);
    for (const message of messages) {
      const event: StoredEvent = { seq: ++this.seq, timestamp, ingestionTime, message, stream };
      group.events.push(event);
      stream.events.push(event);
      group.storedBytes += message.length;
    }
    group.trim();
    this.onChange?.({ a: [region, groupName, streamName, messages, timestamp, ingestionTime] });
  }

  /** After CreateLogGroup, PutRetentionPolicy. */
  groupChanged(region: string, group: LogGroup): void {
    this.onChange?.({ g: [region, group.name, group.creationTime, group.retentionInDays] });
  }

  deleteGroup(region: string, name: string): boolean {
    const deleted = this.groups(region).delete(name);
    if (deleted) this.onChange?.({ gd: [region, name] });
    return deleted;
  }

  /** The changes that rebuild the store as it is: groups, then their events (what a compacted journal holds). */
  *changes(): Iterable<LogChange> {
    for (const [region, groups] of this.regions) {
      for (const group of groups.values()) {
        yield { g: [region, group.name, group.creationTime, group.retentionInDays] };
        for (const e of group.events) yield { a: [region, group.name, e.stream.name, [e.message], e.timestamp, e.ingestionTime] };
      }
    }
  }

  /** Applies a journaled change. */
  apply(change: LogChange): void {
    if ('a' in change) this.append(...change.a);
    else if ('gd' in change) this.groups(change.gd[0]).delete(change.gd[1]);
    else {
      const [region, name, creationTime, retentionInDays] = change.g;
      const group = this.groups(region).get(name) ?? this.createGroup(region, name, creationTime);
      group.retentionInDays = retentionInDays;
    }
  }
}

/** a: events appended; g: a group created or its retention set; gd: a group deleted. */
export type LogChange =
  | { a: [region: string, group: string, stream: string, messages: readonly string[], timestamp: number, ingestionTime: number] }
  | { g: [region: string, name: string, creationTime: number, retentionInDays: number | undefined] }
  | { gd: [region: string, name: string] };
