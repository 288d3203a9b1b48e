import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's root folder, found from wherever this code runs: the TypeScript sources under src/,
 * or the CLI bundle under dist/ (so paths to lambdas/, public/ and cli/ work from both).
 */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'bus-cli') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the bus-cli project folder');
    dir = parent;
  }
}

export const PROJECT_ROOT = findRoot();
export const projectPath = (...parts: string[]) => join(PROJECT_ROOT, ...parts);

/**
 * Where bus-cli keeps its files (local cloud pid/log, bundle cache, last target): `.bus-cli/` in the project.
 * Here, in a leaf module, so that `local start` (the cloud's process) does not load the stack and its SDK clients.
 */
export const busHome = () => process.env.BUS_CLI_HOME ?? join(process.cwd(), '.bus-cli');
