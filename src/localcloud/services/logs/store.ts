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
  private seq = 0;

  groups(region: string): Map<string, LogGroup> {
    let groups = this.regions.get(region);
    if (!groups) {
      groups = new Map();
      this.regions.set(region, groups);
    }
    return groups;
  }

  createGroup(region: string, name: string): LogGroup {
    const group = new LogGroup(name, Date.now());
    this.groups(region).set(name, group);
    return group;
  }

  append(region: string, groupName: string, streamName: string, messages: readonly string[], timestamp: number): void {
    const group = this.groups(region).get(groupName) ?? this.createGroup(region, groupName);
    const stream = group.stream(streamName);
    const ingestionTime = Date.now();
    for (const message of messages) {
      const event: StoredEvent = { seq: ++this.seq, timestamp, ingestionTime, message, stream };
      group.events.push(event);
      stream.events.push(event);
      group.storedBytes += message.length;
    }
    group.trim();
  }
}
