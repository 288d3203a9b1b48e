import type { ItemDb, Releaser } from '../dynalite.js';

/** One item a transaction works on, as dynalite's per-table lock knows it. */
export interface LockTarget {
  itemDb: ItemDb;
  /** dynalite's storage key of the item within its table. */
  key: string;
  /** Table and key: the one global order every transaction takes its locks in. */
  lockOrder: string;
}

const byLockOrder = (a: LockTarget, b: LockTarget) => (a.lockOrder < b.lockOrder ? -1 : a.lockOrder > b.lockOrder ? 1 : 0);

/**
 * Takes dynalite's item locks (the same ones PutItem/UpdateItem/DeleteItem hold while they write)
 * for every target, one after another in global (table, key) order: two transactions never wait on
 * each other in a cycle, and plain writes hold one lock at a time. Resolves to a release-all.
 */
export function lockAll(targets: readonly LockTarget[]): Promise<() => void> {
  const ordered = [...targets].sort(byLockOrder);
  const held: Releaser[] = [];
  return new Promise((resolve) => {
    const take = (i: number) => {
      if (i === ordered.length) {
        resolve(() => {
          for (const release of held) release()();
        });
        return;
      }
      ordered[i].itemDb.lock(ordered[i].key, (release) => {
        held.push(release);
        take(i + 1);
      });
    };
    take(0);
  });
}
