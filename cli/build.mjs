// Bundles the CLI (and the AWS SDK it uses) into dist/: a few files load several times faster than
// hundreds of SDK modules through a TypeScript loader, and code splitting means `--help` or
// `local status` load no SDK at all. bus-cli.mjs rebuilds when a source is newer than the build.
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, stop } from 'esbuild';

/** Packages that must stay outside the bundle: native code, their own binaries, or files read at run time. */
const EXTERNAL = ['esbuild', 'tsx', 'dynalite', 'fauxqs', 'playwright-core', 'autocannon', 'fsevents'];
/** Earlier builds kept, so a long-running process (the detached local cloud) can still load its chunks. */
const KEEP_BUILDS = 3;
export const POINTER = 'current';

export async function buildCli(root) {
  const dist = join(root, 'dist');
  mkdirSync(dist, { recursive: true });
  const name = `cli-${Date.now()}-${process.pid}`;
  await build({
    entryPoints: [join(root, 'cli', 'main.ts')],
    outdir: join(dist, name),
    bundle: true,
    splitting: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: EXTERNAL,
    logLevel: 'warning',
    legalComments: 'none',
    banner: { js: "import{createRequire as __cr}from'module';const require=__cr(import.meta.url);" },
  });
  // esbuild's service process would otherwise live (200+ MB) as long as this one: for a cloud started
  // in the foreground, that is as long as the cloud.
  await stop();
  // Atomic: a CLI started meanwhile reads the old pointer or the new one, never a half-written build.
  writeFileSync(join(dist, `${POINTER}.${process.pid}`), name);
  renameSync(join(dist, `${POINTER}.${process.pid}`), join(dist, POINTER));
  const builds = readdirSync(dist)
    .filter((d) => d.startsWith('cli-'))
    .sort();
  for (const old of builds.slice(0, -KEEP_BUILDS)) rmSync(join(dist, old), { recursive: true, force: true });
  return join(dist, name, 'main.js');
}
