import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One temporary directory for the whole run: every test file's temporary homes, state directories and reports go
 * under it (TMPDIR, which os.tmpdir() reads and the processes the tests start inherit), and it goes when the run ends.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'bus-cli-tests-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true, maxRetries: 3 });
}
