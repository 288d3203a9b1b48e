import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Calls `onPath` with the absolute path of every file changed, added or removed under each of `trees`
 * (recursive: Linux needs Node 20+) and of each of `files`. A single file is watched through its folder:
 * editors often replace a file (write a temp file, rename it over) rather than write it, which ends a
 * watch on the file itself.
 */
export function watchPaths(trees: readonly string[], files: readonly string[], onPath: (path: string) => void): () => void {
  const watchers: FSWatcher[] = trees.map((dir) =>
    watch(dir, { recursive: true }, (_event, name) => {
      if (name) onPath(join(dir, name.toString()));
    }),
  );
  for (const file of files) {
    watchers.push(
      watch(dirname(file), (_event, name) => {
        if (name?.toString() === basename(file)) onPath(file);
      }),
    );
  }
  return () => {
    for (const w of watchers) w.close();
  };
}
