// Bundles the CLI (and the AWS SDK it uses) into dist/bus-cli.mjs: one file loads ~4x faster than
// hundreds of SDK modules through a TypeScript loader. bus-cli.mjs rebuilds it when a source is newer.
import { renameSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/** Packages that must stay outside the bundle: native code, their own binaries, or files read at run time. */
const EXTERNAL = ['esbuild', 'tsx', 'dynalite', 'fauxqs', 'playwright-core', 'autocannon', 'fsevents'];

export async function buildCli(root, outFile) {
  mkdirSync(join(root, 'dist'), { recursive: true });
  const tmp = `${outFile}.${process.pid}.tmp`;
  await build({
    entryPoints: [join(root, 'cli', 'main.ts')],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: EXTERNAL,
    logLevel: 'warning',
    legalComments: 'none',
    banner: { js: "import{createRequire as __cr}from'module';const require=__cr(import.meta.url);" },
  });
  // Atomic: a CLI started meanwhile sees the old file or the new one, never half of one.
  renameSync(tmp, outFile);
}
