#!/usr/bin/env node
// bus-cli's bin. After `npm ci` there is nothing to build by hand: the first run bundles the
// TypeScript sources into dist/ (a second or two), later runs load that build, and any newer
// source file triggers a rebuild. BUS_CLI_TSX=1 runs the sources through tsx instead.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const pointer = join(root, 'dist', 'current');
const SOURCE_DIRS = ['cli', 'src', 'lambdas'];

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|mjs)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** The current build's entry, or undefined when there is none or a source is newer. */
function currentBuild() {
  if (!existsSync(pointer)) return undefined;
  const entry = join(root, 'dist', readFileSync(pointer, 'utf8').trim(), 'main.js');
  if (!existsSync(entry)) return undefined;
  const built = statSync(pointer).mtimeMs;
  const lock = join(root, 'package-lock.json');
  const stale = SOURCE_DIRS.some((d) => newestSource(join(root, d)) > built) || (existsSync(lock) && statSync(lock).mtimeMs > built);
  return stale ? undefined : entry;
}

if (process.env.BUS_CLI_TSX === '1') {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./main.ts');
} else {
  const entry = currentBuild() ?? (await (await import('./build.mjs')).buildCli(root));
  await import(pathToFileURL(entry).href);
}
