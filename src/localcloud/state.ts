import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { daemonFiles, LOG_FILE } from './daemon.js';
import { lockHolder } from './core/persist.js';

/** Where a cloud on `port` keeps its state unless told otherwise: beside its pid and log files. */
export const defaultStateDir = (home: string, port: number) => daemonFiles(home, port).dir;

/** Bytes under `dir` (0 when there is none). */
export function stateSize(dir: string): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

/** Wipes a state dir no cloud holds (its log kept); refuses while one runs on it. */
export function resetState(dir: string): void {
  const holder = lockHolder(dir);
  if (holder !== undefined) throw new UserError(`a local cloud (pid ${holder}) runs on ${dir}`, 'stop it first (`bus-cli local stop`)');
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) if (name !== LOG_FILE) rmSync(join(dir, name), { recursive: true, force: true });
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
