import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { ZipArchive } from 'archiver';
import { build, stop, version as esbuildVersion, type BuildOptions } from 'esbuild';
import { PROJECT_ROOT, projectPath } from '../paths.js';
import { esbuildTargetOf } from '../runtimes/calendar.js';
import { SETTINGS } from '../stack/config.js';

/** Bundles another copy of lambdas/ (a scratch copy under `bus-cli dev` in a test or bench) instead of the project's. */
export const LAMBDAS_DIR_ENV = 'BUS_CLI_LAMBDAS_DIR';
export const lambdasDir = () => process.env[LAMBDAS_DIR_ENV] ?? join(PROJECT_ROOT, 'lambdas');
/** Zip entries carry this date so the same code always gives the same CodeSha256 (no-op re-`up`). */
const FIXED_ZIP_DATE = new Date('2024-01-01T00:00:00Z');
const HANDLER_FILE = 'index.mjs';
/** The bundles run on the Node of the stack's runtime (node24 for nodejs24.x): esbuild lowers nothing it has. */
const TARGET = esbuildTargetOf(SETTINGS.runtime);
/** BUS_CLI_BUNDLE_MINIFY=0 keeps the functions' names, for CPU profiles of the Lambda workers (bench/README.md). */
const minify = () => process.env.BUS_CLI_BUNDLE_MINIFY !== '0';

export interface FunctionBundle {
  /** The deployment package. */
  zip: Buffer;
  /** base64 SHA-256 of the zip, as Lambda reports CodeSha256. */
  sha256: string;
  /** Handler string for CreateFunction. */
  handler: string;
}

export type FunctionName = 'producer' | 'consumer';
export const FUNCTION_NAMES: readonly FunctionName[] = ['producer', 'consumer'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|js|mjs|json)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** Hash of everything that goes into a bundle: the Lambda sources, the lockfile, esbuild's version, its target and the minify setting. */
function inputsHash(): string {
  const hash = createHash('sha256')
    .update(esbuildVersion)
    .update(TARGET)
    .update(minify() ? 'minified' : 'readable');
  for (const file of sourceFiles(lambdasDir()).sort()) hash.update(relative(PROJECT_ROOT, file)).update(readFileSync(file));
  const lock = join(PROJECT_ROOT, 'package-lock.json');
  if (existsSync(lock)) hash.update(readFileSync(lock));
  return hash.digest('hex').slice(0, 16);
}

async function zipOne(name: string, content: Uint8Array): Promise<Buffer> {
  const archive = new ZipArchive({ zlib: { level: 9 } });
  const chunks: Buffer[] = [];
  archive.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    archive.on('end', () => resolve());
    archive.on('error', reject);
  });
  archive.append(Buffer.from(content), { name, date: FIXED_ZIP_DATE, mode: 0o644 });
  await archive.finalize();
  await done;
  return Buffer.concat(chunks);
}

/**
 * How one function is bundled, by `up` (build) and `dev` (an incremental context) alike. Packages and the
 * tsconfig come from the project, wherever the lambdas folder is, so a copy bundles as the original does.
 */
export function bundleOptions(fn: FunctionName): BuildOptions & { write: false } {
  return {
    entryPoints: [join(lambdasDir(), `${fn}.ts`)],
    // Paths in diagnostics and the metafile read `lambdas/...`, from whatever folder the command runs in.
    absWorkingDir: dirname(lambdasDir()),
    bundle: true,
    platform: 'node',
    target: TARGET,
    format: 'esm',
    minify: minify(),
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
    nodePaths: [projectPath('node_modules')],
    tsconfig: projectPath('tsconfig.json'),
    // Some SDK dependencies still call require(); give the ESM bundle one.
    banner: { js: "import{createRequire as __cr}from'module';const require=__cr(import.meta.url);" },
  };
}

/** The deployment package of one bundled function: zipped with the fixed date, and its CodeSha256. */
export async function packageBundle(code: Uint8Array): Promise<FunctionBundle> {
  return toBundle(await zipOne(HANDLER_FILE, code));
}

async function bundleOne(fn: FunctionName): Promise<Buffer> {
  const result = await build(bundleOptions(fn));
  return zipOne(HANDLER_FILE, result.outputFiles[0].contents);
}

const toBundle = (zip: Buffer): FunctionBundle => ({
  zip,
  sha256: createHash('sha256').update(zip).digest('base64'),
  handler: 'index.handler',
});

/**
 * Bundles lambdas/producer.ts and lambdas/consumer.ts (AWS SDK included) into zips, reusing the
 * cached zips when no input changed, so a no-op `up` does not pay for esbuild.
 */
export async function bundleFunctions(cacheDir: string): Promise<Record<FunctionName, FunctionBundle>> {
  const key = inputsHash();
  const dir = join(cacheDir, 'bundles', key);
  const cached = FUNCTION_NAMES.map((n) => join(dir, `${n}.zip`));
  if (cached.every((p) => existsSync(p) && statSync(p).size > 0)) {
    return { producer: toBundle(readFileSync(cached[0])), consumer: toBundle(readFileSync(cached[1])) };
  }
  let building = inFlight.get(dir);
  if (!building) {
    building = (async () => {
      const [producer, consumer] = await Promise.all(FUNCTION_NAMES.map(bundleOne));
      mkdirSync(dir, { recursive: true });
      writeFileSync(cached[0], producer);
      writeFileSync(cached[1], consumer);
      return { producer: toBundle(producer), consumer: toBundle(consumer) };
    })().finally(async () => {
      inFlight.delete(dir);
      // esbuild's service process (200+ MB) is not needed until the sources change again; stopping it
      // under another build would fail that build, so only the last one out stops it.
      if (inFlight.size === 0) await stop();
    });
    inFlight.set(dir, building);
  }
  return building;
}

/** Builds under way in this process, by bundle folder: concurrent `up`s share one build. */
const inFlight = new Map<string, Promise<Record<FunctionName, FunctionBundle>>>();
