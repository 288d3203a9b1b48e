import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, projectPath } from '../../src/paths.js';

/** The files and packages `roots` load before anything is imported on demand (static imports, followed). */
function loadedAtStart(metafile: Metafile, roots: string[]): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const i of metafile.inputs[file].imports) {
      if (i.kind !== 'import-statement' && i.kind !== 'require-call') continue;
      if (i.external) packages.add(i.path);
      else visit(i.path);
    }
  };
  for (const root of roots) visit(root);
  return { files, packages };
}

describe('local start', () => {
  it("runs the cloud without the stack's code or any AWS SDK client (its process stays light)", async () => {
    const { metafile } = await build({
      entryPoints: [projectPath('cli', 'commands', 'local.ts')],
      // Input paths in the metafile are relative to this, whatever directory the test runs from.
      absWorkingDir: PROJECT_ROOT,
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    // The command, and the cloud it imports when it starts one.
    const { files, packages } = loadedAtStart(metafile, ['cli/commands/local.ts', 'src/localcloud/cloud.ts']);
    expect(files.size).toBeGreaterThan(50);
    expect([...files].filter((f) => f === 'src/session.ts' || f === 'src/aws/clients.ts' || f.startsWith('src/stack/resources/'))).toEqual([]);
    expect([...packages].filter((p) => p.startsWith('@aws-sdk/client-') || p === 'esbuild')).toEqual([]);
  });
});
