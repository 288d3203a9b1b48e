#!/usr/bin/env node
// bus-cli's bin. After `npm ci` there is nothing to build by hand: the first run bundles the
// TypeScript sources into dist/bus-cli.mjs (about a second), later runs load that one file, and any
// newer source file triggers a rebuild. BUS_CLI_TSX=1 runs the sources through tsx instead.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const bundle = join(root, 'dist', 'bus-cli.mjs');
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

function isStale() {
  if (!existsSync(bundle)) return true;
  const built = statSync(bundle).mtimeMs;
  const lock = join(root, 'package-lock.json');
  return SOURCE_DIRS.some((d) => newestSource(join(root, d)) > built) || (existsSync(lock) && statSync(lock).mtimeMs > built);
}

if (process.env.BUS_CLI_TSX === '1') {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./main.ts');
} else {
  if (isStale()) await (await import('./build.mjs')).buildCli(root, bundle);
  await import(pathToFileURL(bundle).href);
}
