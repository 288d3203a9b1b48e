import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { corruptState, Snapshot, writeAtomic } from '../../core/persist.js';
import type { LocalCloudOptions } from '../../core/types.js';
import { parseBucketPolicy } from './policy.js';
import type { S3Store, SavedBucket } from './store.js';

/**
 * S3's durable state: buckets, configurations and object metadata in one snapshot rewritten after
 * each change; object bodies in files of their own (`s3/bodies/<sha256>`, written atomically before
 * the snapshot names them), so that a PutObject writes its body once, not the whole store.
 */
export function durableS3(options: LocalCloudOptions, store: S3Store): Snapshot<SavedBucket[]> {
  const dir = join(options.stateDir, 's3', 'bodies');
  const named = new WeakMap<Buffer, string>();
  const bodyName = (body: Buffer) => {
    let name = named.get(body);
    if (name === undefined) {
      name = createHash('sha256').update(body).digest('hex');
      const file = join(dir, name);
      if (!existsSync(file)) writeAtomic(file, body);
      named.set(body, name);
    }
    return name;
  };
  const bodyOf = (name: string) => {
    try {
      const body = readFileSync(join(dir, name));
      named.set(body, name);
      return body;
    } catch (err) {
      throw corruptState(join(dir, name), 'S3', `an object's body is missing: ${(err as Error).message}`, options.stateDir);
    }
  };
  if (!options.ephemeral) mkdirSync(dir, { recursive: true });
  const { snapshot, saved } = Snapshot.open(options, 's3/buckets.json', 'S3', () => store.saved(bodyName));
  store.restore(saved ?? [], bodyOf, parseBucketPolicy);
  // Bodies no version names any more (overwritten, deleted) go at start.
  if (!options.ephemeral) {
    const live = new Set((saved ?? []).flatMap((b) => b.versions.map((v) => v.body)));
    for (const file of readdirSync(dir)) if (!live.has(file)) rmSync(join(dir, file), { force: true });
  }
  return snapshot;
}
