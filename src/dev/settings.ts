import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lambdasDir } from '../bundle/index.js';
import { projectPath } from '../paths.js';

const digest = (file: string) => {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return 'missing';
  }
};

/**
 * The files that hold the stack's desired state (its settings, the trips file): `dev` does not hot-reload
 * them, only says when one now reads differently from when it was last seen (an editor touching a file
 * without changing it says nothing).
 */
export function settingsFiles(files: readonly string[]) {
  const seen = new Map(files.map((f) => [f, digest(f)]));
  return {
    files,
    /** True when `file` is one of them and its content changed since the last look. */
    changed(file: string): boolean {
      if (!seen.has(file)) return false;
      const now = digest(file);
      if (now === seen.get(file)) return false;
      seen.set(file, now);
      return true;
    },
  };
}

/** Where the stack's desired state is written: its settings and spec, the contract it shares with the Lambdas, the trips file given. */
export const desiredStateFiles = (tripsFile?: string): string[] => [
  projectPath('src', 'stack', 'config.ts'),
  projectPath('src', 'stack', 'spec.ts'),
  join(lambdasDir(), 'domain', 'contract.ts'),
  ...(tripsFile ? [resolve(tripsFile)] : []),
];
