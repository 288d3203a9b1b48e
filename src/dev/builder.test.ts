import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAMBDAS_DIR_ENV } from '../bundle/index.js';
import { projectPath } from '../paths.js';
import { FunctionBuilder } from './builder.js';

describe('FunctionBuilder', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'bus-cli-builder-test-'));
  const lambdas = join(scratch, 'lambdas');
  const bookBus = join(lambdas, 'lib', 'routes', 'book-bus.ts');
  let builder: FunctionBuilder;
  beforeAll(async () => {
    cpSync(projectPath('lambdas'), lambdas, { recursive: true });
    process.env[LAMBDAS_DIR_ENV] = lambdas;
    builder = await FunctionBuilder.create('producer');
  });
  afterAll(async () => {
    delete process.env[LAMBDAS_DIR_ENV];
    await builder?.dispose();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('knows the files that went into the bundle, keeps the last good one through errors, and gives the same zip back', async () => {
    expect(builder.affectedBy(join(lambdas, 'consumer.ts'))).toBe(true); // nothing built yet: anything may matter
    const first = await builder.rebuild();
    if (!first.ok) throw new Error('the first build failed');
    expect(builder.affectedBy(bookBus)).toBe(true);
    expect(builder.affectedBy(join(lambdas, 'consumer.ts'))).toBe(false);

    const good = readFileSync(bookBus, 'utf8');
    writeFileSync(bookBus, `${good}\nexport const = ;\n`);
    const broken = await builder.rebuild();
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.errors[0].location).toMatchObject({ file: 'lambdas/lib/routes/book-bus.ts', line: good.split('\n').length + 1 });
    expect(builder.affectedBy(join(lambdas, 'consumer.ts'))).toBe(true);

    unlinkSync(bookBus);
    const missing = await builder.rebuild();
    expect(missing.ok || missing.errors[0].text).toBe('Could not resolve "./lib/routes/book-bus.js"');

    writeFileSync(bookBus, good);
    const back = await builder.rebuild();
    expect(back.ok && back.bundle.sha256).toBe(first.bundle.sha256);
  });
});
