/** The paths that changed in one burst, and when the first of them changed (the save a reload is timed from). */
export interface ChangeBatch {
  paths: Set<string>;
  savedAt: number;
}

/**
 * Collects changed paths and hands them over as one batch once none has changed for `quietMs`: an editor
 * that writes a file five times in 100 ms (temp file, rename, format on save) gives one reload.
 */
export function debounce(quietMs: number, flush: (batch: ChangeBatch) => void) {
  let batch: ChangeBatch | undefined;
  let timer: NodeJS.Timeout | undefined;
  return {
    add(path: string): void {
      batch ??= { paths: new Set(), savedAt: Date.now() };
      batch.paths.add(path);
      clearTimeout(timer);
      timer = setTimeout(() => {
        const done = batch!;
        batch = undefined;
        flush(done);
      }, quietMs);
    },
    close(): void {
      clearTimeout(timer);
    },
  };
}
