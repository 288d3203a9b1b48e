import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { unzipSync } from 'fflate';
import { invalidParameter } from './errors.js';
import type { FunctionCode } from './store.js';

/** Lambda's limit on a deployment package once unzipped. */
const MAX_UNZIPPED_BYTES = 262_144_000;
/** Where GetFunction's Code.Location points: served by the Lambda plugin without signing, like a presigned URL. */
export const CODE_PATH_PREFIX = '/_localcloud/lambda-code/';

const unreadable = () => invalidParameter('Could not unzip uploaded file. Please check your file, then try to upload again.');

function unzip(zip: Buffer): Record<string, Uint8Array> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch {
    throw unreadable();
  }
  const size = Object.values(files).reduce((sum, f) => sum + f.length, 0);
  if (size > MAX_UNZIPPED_BYTES) throw invalidParameter(`Unzipped size must be smaller than ${MAX_UNZIPPED_BYTES} bytes`);
  return files;
}

/** Writes the files under a temporary folder, then renames it: a half-written package is never run. */
function extract(files: Record<string, Uint8Array>, dir: string): void {
  const staging = `${dir}.tmp-${process.pid}-${Date.now()}`;
  for (const [name, content] of Object.entries(files)) {
    if (name.endsWith('/')) continue;
    const target = normalize(join(staging, name));
    if (!target.startsWith(staging + sep)) throw unreadable();
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  mkdirSync(staging, { recursive: true });
  if (existsSync(dir)) rmSync(staging, { recursive: true, force: true });
  else renameSync(staging, dir);
}

/** Checks and stores a deployment package: `<stateDir>/lambda/<name>/<sha>.zip` and its unzipped folder beside it. */
export function storeCode(stateDir: string, functionName: string, zip: Buffer): FunctionCode {
  const digest = createHash('sha256').update(zip).digest();
  const hash = digest.toString('hex');
  const root = join(stateDir, 'lambda', functionName);
  const dir = join(root, hash);
  const zipPath = join(root, `${hash}.zip`);
  const files = unzip(zip);
  if (!existsSync(dir)) extract(files, dir);
  if (!existsSync(zipPath)) writeFileSync(zipPath, zip);
  return { sha256: digest.toString('base64'), hash, size: zip.length, dir, zipPath };
}

/** The stored zip a Code.Location path names, if it names one. */
export function codeZipPath(stateDir: string, path: string): string | undefined {
  const m = /^([a-zA-Z0-9_-]{1,64})\/([0-9a-f]{64})\.zip$/.exec(decodeURIComponent(path.slice(CODE_PATH_PREFIX.length)));
  return m ? join(stateDir, 'lambda', m[1], `${m[2]}.zip`) : undefined;
}
