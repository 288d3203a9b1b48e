import { build } from 'esbuild';
import { bundleOptions, packageBundle, type FunctionBundle } from '../../src/bundle/index.js';
import { projectPath } from '../../src/paths.js';

/** The consumer's deployment package with test/helpers/faulty-consumer.ts around it, bundled as `up` bundles the real one. */
export async function faultyConsumerBundle(): Promise<FunctionBundle> {
  const result = await build({ ...bundleOptions('consumer'), entryPoints: [projectPath('test', 'helpers', 'faulty-consumer.ts')] });
  return packageBundle(result.outputFiles[0].contents);
}
