/** Where dynalite describes tables: `table~<name>` keys of its one LevelDB. */
export const TABLE_SPACE = 'table~';

type Callback = (err: Error | null, value?: unknown) => void;
interface CallbackLevel {
  get(key: string, callback?: Callback): unknown;
  put(key: string, value: unknown, callback?: Callback): unknown;
  del(key: string, callback?: Callback): unknown;
  batch(ops: { key: string }[], callback?: Callback): unknown;
}

const isTableKey = (key: unknown): key is string => typeof key === 'string' && key.startsWith(TABLE_SPACE);

/**
 * dynalite reads a table's description from its LevelDB on every item call (a read, a JSON decode and two
 * turns of the event loop: 10-15% of the cloud's CPU in bench/pipeline on disk). Table descriptions change
 * only through writes to `table~` keys, so they are kept here as JSON, written through: any write of a
 * table key drops it, before and after the write lands, and a read that raced a write does not refill it.
 * Each hit decodes a fresh object, as a LevelDB read would, so callers may change what they get.
 */
export function cacheTableDescriptions(db: CallbackLevel): void {
  const cached = new Map<string, string>();
  let writes = 0;
  const forget = (key: unknown) => {
    if (!isTableKey(key)) return;
    cached.delete(key);
    writes++;
  };
  const { get, put, del, batch } = db;
  /** Runs a write, forgetting `keys` now and once it has landed, in its callback or its promise form. */
  const write = (keys: unknown[], run: (callback?: Callback) => unknown, callback?: Callback) => {
    keys.forEach(forget);
    if (typeof callback === 'function') {
      return run((err, value) => {
        keys.forEach(forget);
        callback(err, value);
      });
    }
    const result = run();
    return result instanceof Promise ? result.finally(() => keys.forEach(forget)) : result;
  };
  db.get = function (key, callback) {
    if (!isTableKey(key) || typeof callback !== 'function') return get.call(this, key, callback);
    const hit = cached.get(key);
    if (hit !== undefined) return void setImmediate(callback, null, JSON.parse(hit));
    const writesBefore = writes;
    return get.call(this, key, (err, value) => {
      if (!err && value !== undefined && writes === writesBefore) cached.set(key, JSON.stringify(value));
      callback(err, value);
    });
  };
  db.put = function (key, value, callback) {
    return write([key], (cb) => put.call(this, key, value, cb), callback);
  };
  db.del = function (key, callback) {
    return write([key], (cb) => del.call(this, key, cb), callback);
  };
  db.batch = function (ops, callback) {
    return write(
      ops.map((op) => op.key),
      (cb) => batch.call(this, ops, cb),
      callback,
    );
  };
}
