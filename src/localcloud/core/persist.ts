import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { UserError } from '../../errors.js';
import { AwsError } from './errors.js';
import type { LocalCloudOptions } from './types.js';

/**
 * The cloud's durable state: one mechanism for every service.
 *
 * A state file is a journal: a header line (format and store), then one JSON line per entry.
 * - `append(entry)`: one write(2) before the caller answers. The kernel has the line once the call
 *   returns, so killing the process (kill -9) loses nothing acknowledged; no fsync per entry, so a
 *   power cut can lose the tail the OS had not flushed yet (seconds), never what came before it.
 * - `rewrite(entries)`: the whole file replaced atomically (temp file, fsync, rename): what control
 *   planes write after each change (a snapshot is a journal of one entry) and how journals compact.
 * A last line cut short (power cut mid-write) was never acknowledged and is dropped; any other bad
 * line is a corrupt file: a StateError naming it, the store and what to do.
 */
export const STATE_FORMAT = 1;

const ROOT_FILE = 'state.json';
const LOCK_FILE = 'cloud.lock';

/** A state directory the cloud cannot use as it is: one line and what to do; nothing was changed. */
export class StateError extends UserError {}

const resetHint = (dir: string) => `run \`bus-cli local reset --state-dir ${dir}\` to start empty, or restore a backup of ${dir}`;

export function corruptState(file: string, store: string, why: string, stateDir: string): StateError {
  return new StateError(`the local cloud's ${store} state ${file} is unreadable (${why})`, resetHint(stateDir));
}

/** Maps, Sets, Dates and bytes survive JSON as tagged objects. */
function replacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key];
  if (raw instanceof Map) return { $map: [...raw] };
  if (raw instanceof Set) return { $set: [...raw] };
  if (raw instanceof Date) return { $date: raw.getTime() };
  if (raw instanceof Uint8Array) return { $bytes: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64') };
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value) || Object.keys(value).length !== 1) return value;
  const v = value as Record<string, unknown>;
  if ('$map' in v) return new Map(v.$map as [unknown, unknown][]);
  if ('$set' in v) return new Set(v.$set as unknown[]);
  if ('$date' in v) return new Date(v.$date as number);
  if ('$bytes' in v) return Buffer.from(v.$bytes as string, 'base64');
  return value;
}

export const encode = (value: unknown) => JSON.stringify(value, replacer);
export const decode = <T>(text: string) => JSON.parse(text, reviver) as T;

/** The 5xx a write answers when the disk refuses it (full, read-only): the SDK retries it; nothing written is harmed. */
function storageFailure(err: unknown): AwsError {
  return new AwsError('ServiceUnavailable', `the local cloud could not write its state: ${(err as Error).message}`, 503, false);
}

/** Writes `text` to `file` so that a reader sees the old or the new content, never a mix. */
export function writeAtomic(file: string, text: string | Buffer): void {
  const temp = `${file}.tmp-${process.pid}`;
  try {
    const fd = openSync(temp, 'w');
    try {
      writeFileSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    throw storageFailure(err);
  }
}

interface Header {
  format: number;
  store: string;
}

/** One service's state file (see the top of this file); every method is a no-op for an ephemeral cloud. */
export class StateFile<E> {
  private fd?: number;
  private size = 0;

  private constructor(
    readonly path: string | undefined,
    private readonly store: string,
  ) {}

  /** Reads the file's entries and keeps it open for appends. `path` undefined: ephemeral, nothing is read or kept. */
  static open<E>(options: LocalCloudOptions, name: string, store: string): { file: StateFile<E>; entries: E[] } {
    if (options.ephemeral) return { file: new StateFile<E>(undefined, store), entries: [] };
    const path = join(options.stateDir, name);
    const file = new StateFile<E>(path, store);
    const entries = existsSync(path) ? file.read(options.stateDir) : [];
    mkdirSync(dirname(path), { recursive: true });
    file.fd = openSync(path, 'a');
    file.size = fstatSync(file.fd).size;
    if (file.size === 0) file.writeLine(encode({ format: STATE_FORMAT, store } satisfies Header));
    return { file, entries };
  }

  private read(stateDir: string): E[] {
    const path = this.path!;
    const text = readFileSync(path, 'utf8');
    const complete = text.split('\n');
    // After the last newline: '' or a line cut short by a crash before it was acknowledged (dropped once the rest reads well).
    const torn = complete.pop();
    const entries = this.parse(complete, stateDir);
    if (torn) writeFileSync(path, text.slice(0, text.length - torn.length));
    return entries;
  }

  private parse(complete: string[], stateDir: string): E[] {
    const path = this.path!;
    if (complete.length === 0) return [];
    let header: Header;
    try {
      header = JSON.parse(complete[0]) as Header;
    } catch {
      throw corruptState(path, this.store, 'no header line', stateDir);
    }
    if (header.store !== this.store) throw corruptState(path, this.store, `it holds ${String(header.store)} state`, stateDir);
    if (header.format !== STATE_FORMAT) throw incompatible(stateDir, header.format);
    return complete.slice(1).map((line, i) => {
      try {
        return decode<E>(line);
      } catch {
        throw corruptState(path, this.store, `line ${i + 2} is not valid JSON`, stateDir);
      }
    });
  }

  /** One write(2); a short write (disk full) is cut back off so the file stays whole, and answered as a 5xx. */
  private writeLine(line: string): void {
    const bytes = Buffer.from(`${line}\n`);
    let written = 0;
    try {
      written = writeSync(this.fd!, bytes);
      if (written !== bytes.length) throw new Error(`short write (${written} of ${bytes.length} bytes): the disk is full`);
    } catch (err) {
      if (written > 0) ftruncateSync(this.fd!, this.size);
      throw storageFailure(err);
    }
    this.size += written;
  }

  append(entry: E): void {
    if (this.fd !== undefined) this.writeLine(encode(entry));
  }

  /** Bytes in the file: callers compact past a size of their choosing. */
  get bytes(): number {
    return this.size;
  }

  /** Replaces the whole file with these entries (atomic, fsynced). */
  rewrite(entries: Iterable<E>): void {
    if (this.path === undefined) return;
    const lines = [encode({ format: STATE_FORMAT, store: this.store } satisfies Header)];
    for (const entry of entries) lines.push(encode(entry));
    const text = `${lines.join('\n')}\n`;
    writeAtomic(this.path, text);
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = openSync(this.path, 'a');
    this.size = Buffer.byteLength(text);
  }

  /** Flushes to the disk and closes (a graceful stop). */
  close(): void {
    if (this.fd === undefined) return;
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = undefined;
  }
}

function incompatible(stateDir: string, format: unknown): StateError {
  return new StateError(
    `the local cloud's state in ${stateDir} has format ${String(format)}, this bus-cli reads format ${STATE_FORMAT}`,
    `run \`bus-cli local reset --state-dir ${stateDir}\` to start empty (the state is not converted), or use the bus-cli that wrote it`,
  );
}

/** Checks (or, for a new directory, records) the state format before any service reads its files. */
export function checkStateFormat(stateDir: string): void {
  const file = join(stateDir, ROOT_FILE);
  if (!existsSync(file)) {
    writeAtomic(file, encode({ format: STATE_FORMAT }));
    return;
  }
  let format: unknown;
  try {
    format = (JSON.parse(readFileSync(file, 'utf8')) as { format?: unknown }).format;
  } catch {
    throw corruptState(file, 'cloud', 'not valid JSON', stateDir);
  }
  if (format !== STATE_FORMAT) throw incompatible(stateDir, format);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: alive, but another user's.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

/**
 * A process killed whose parent has not reaped it yet (a detached cloud's parent is init, and some inits reap
 * late) still answers signal 0, but holds nothing: on Linux its /proc state says so (Z, or X while it goes).
 */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state === 'Z' || state === 'X';
  } catch {
    return false; // no /proc (macOS, Windows): signal 0 is all there is
  }
}

/** The pid holding the state dir's lock, if that process is alive. */
export function lockHolder(stateDir: string): number | undefined {
  const file = join(stateDir, LOCK_FILE);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
}

/**
 * One cloud per state dir: the lock file holds the owner's pid. A lock whose process is gone
 * (kill -9, a reboot) is taken over. Returns the release function.
 */
export function acquireLock(stateDir: string): () => void {
  const file = join(stateDir, LOCK_FILE);
  const holder = lockHolder(stateDir);
  if (holder !== undefined) {
    throw new StateError(
      `the state dir ${stateDir} is in use by another local cloud (pid ${holder})`,
      'stop that cloud (`bus-cli local stop`), or give this one another --state-dir',
    );
  }
  try {
    writeAtomic(file, String(process.pid));
  } catch (err) {
    throw new StateError(`cannot write the lock file ${file} (${(err as Error).message})`, 'free some disk space, or give the cloud another --state-dir');
  }
  return () => {
    if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true });
  };
}

/** What a call named like this changes nothing (reads and listings): control planes snapshot after the others. */
export const isReadOnlyAction = (action: string) => /^(Get|List|Describe|Head)/.test(action);

/** A control plane's state: a journal of one entry, rewritten whole after each change (these stores are small). */
export class Snapshot<T> {
  private constructor(
    private readonly file: StateFile<T>,
    private readonly dump: () => T,
  ) {}

  /** `saved`: the state last written, undefined for a new (or ephemeral) cloud. */
  static open<T>(options: LocalCloudOptions, name: string, store: string, dump: () => T): { snapshot: Snapshot<T>; saved?: T } {
    const { file, entries } = StateFile.open<T>(options, name, store);
    return { snapshot: new Snapshot(file, dump), saved: entries.at(-1) };
  }

  /** Call after a change, before the call answers. */
  save(): void {
    if (this.file.path !== undefined) this.file.rewrite([this.dump()]);
  }

  close(): void {
    this.file.close();
  }
}

/** A journal is rewritten from the live state once it grows past this (a flood of 10k bookings journals ~15 MB of SQS). */
const COMPACT_BYTES = 64 * 1024 * 1024;

/** A data plane's state: one entry per change, appended before the call answers; compacted from the live state. */
export class Journal<E> {
  private readonly file: StateFile<E>;
  /** The entries read at open (empty for a new or ephemeral cloud): replay them, then `compact()`. */
  readonly saved: E[];

  constructor(
    options: LocalCloudOptions,
    name: string,
    store: string,
    private readonly dump: () => Iterable<E>,
  ) {
    ({ file: this.file, entries: this.saved } = StateFile.open<E>(options, name, store));
  }

  append(entry: E): void {
    this.file.append(entry);
    if (this.file.bytes > COMPACT_BYTES) this.compact();
  }

  /**
   * Replaces the journal with the entries that make the live state (and lets go of `saved`). Never fails a
   * call: a compaction the disk refuses (full) leaves the journal as appended, which is whole; it is tried again later.
   */
  compact(): void {
    this.saved.length = 0;
    if (this.file.path === undefined) return;
    try {
      this.file.rewrite(this.dump());
    } catch (err) {
      process.stderr.write(`warning: ${this.file.path} kept as written, not compacted: ${(err as Error).message}\n`);
    }
  }

  close(): void {
    this.compact();
    this.file.close();
  }
}
