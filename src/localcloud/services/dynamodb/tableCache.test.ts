import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { cacheTableDescriptions } from './tableCache.js';

const fromDynalite = createRequire(createRequire(import.meta.url).resolve('dynalite/db/index.js'));
const { MemoryLevel } = fromDynalite('memory-level') as { MemoryLevel: new (o: object) => Level };
interface Level {
  open(): Promise<void>;
  get(key: string, cb?: (err: Error | null, value?: unknown) => void): unknown;
  put(key: string, value: unknown, cb?: (err: Error | null) => void): unknown;
  del(key: string, cb?: (err: Error | null) => void): unknown;
  batch(ops: { type: string; key: string; value?: unknown }[], cb?: (err: Error | null) => void): unknown;
}

/** A memory-level with dynalite's callback forms (its wrapWithCallbacks), counting its reads. */
async function level() {
  const db = new MemoryLevel({ valueEncoding: 'json' });
  await db.open();
  const reads = { count: 0 };
  const withCallback = (name: 'get' | 'put' | 'del' | 'batch') => {
    const original = db[name] as (...args: unknown[]) => Promise<unknown>;
    (db as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      if (name === 'get') reads.count++;
      const cb = typeof args.at(-1) === 'function' ? (args.pop() as (err: unknown, v?: unknown) => void) : undefined;
      const result = original.apply(db, args);
      if (!cb) return result;
      result.then(
        (v) => setImmediate(cb, null, v),
        (e) => setImmediate(cb, e),
      );
    };
  };
  for (const name of ['get', 'put', 'del', 'batch'] as const) withCallback(name);
  cacheTableDescriptions(db);
  const read = (key: string) => new Promise((resolve, reject) => db.get(key, (err, v) => (err ? reject(err) : resolve(v))));
  return { db, reads, read };
}

describe('table descriptions cache', () => {
  it('reads a table once, hands out copies, and reads again after any write of it (put, del, batch)', async () => {
    const { db, reads, read } = await level();
    await db.put('table~t', { TableStatus: 'CREATING' });
    expect(await read('table~t')).toEqual({ TableStatus: 'CREATING' });
    const copy = (await read('table~t')) as { TableStatus: string };
    expect(reads.count).toBe(1);
    copy.TableStatus = 'changed by a caller';
    expect(await read('table~t')).toEqual({ TableStatus: 'CREATING' });

    await new Promise((r) => db.put('table~t', { TableStatus: 'ACTIVE' }, r));
    expect(await read('table~t')).toEqual({ TableStatus: 'ACTIVE' });
    await db.batch([{ type: 'put', key: 'table~t', value: { TableStatus: 'UPDATING' } }]);
    expect(await read('table~t')).toEqual({ TableStatus: 'UPDATING' });
    await db.del('table~t');
    expect(await read('table~t')).toBeUndefined();
    expect(reads.count).toBe(4);
  });

  it('does not keep what a read raced with a write saw', async () => {
    const { db, reads, read } = await level();
    await db.put('table~t', { TableStatus: 'CREATING' });
    const racing = read('table~t');
    await db.put('table~t', { TableStatus: 'ACTIVE' });
    await racing;
    expect(await read('table~t')).toEqual({ TableStatus: 'ACTIVE' });
    expect(reads.count).toBe(2);
  });

  it('leaves item keys alone', async () => {
    const { db, reads, read } = await level();
    await db.put('item-t~k', { a: 1 });
    await read('item-t~k');
    await read('item-t~k');
    expect(reads.count).toBe(2);
  });
});
