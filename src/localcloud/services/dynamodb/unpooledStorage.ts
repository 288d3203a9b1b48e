import { createRequire } from 'node:module';

/**
 * dynalite's memory-level store keeps the encoded key and value Buffers it is given. Small Buffers
 * are slices of Node's shared 8 KB allocation pool, so every stored key or item pins a whole pool
 * slab (31 MB of slabs for 10k bookings in bench/pipeline, against ~4 MB of data). Stored keys and
 * values are copied into Buffers of their own size first.
 */
interface BatchOp {
  type: 'put' | 'del';
  key: unknown;
  value?: unknown;
}
interface MemoryLevelPrototype {
  _put(key: unknown, value: unknown, options: unknown): Promise<void>;
  _batch(operations: BatchOp[], options: unknown): Promise<void>;
}

/** A Buffer that shares its memory with others (a pool slice) becomes a copy that owns exactly its bytes. */
function owned<T>(data: T): T {
  if (!Buffer.isBuffer(data) || data.buffer.byteLength === data.length) return data;
  const copy = Buffer.allocUnsafeSlow(data.length);
  data.copy(copy);
  return copy as T;
}

// The memory-level dynalite itself loads (resolved from dynalite's folder).
const fromDynalite = createRequire(createRequire(import.meta.url).resolve('dynalite/db/index.js'));
const proto = (fromDynalite('memory-level') as { MemoryLevel: { prototype: MemoryLevelPrototype } }).MemoryLevel.prototype;
const { _put: put, _batch: batch } = proto;
proto._put = function (key, value, options) {
  return put.call(this, owned(key), owned(value), options);
};
proto._batch = function (operations, options) {
  return batch.call(
    this,
    operations.map((op) => ({ ...op, key: owned(op.key), value: owned(op.value) })),
    options,
  );
};
