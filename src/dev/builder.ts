import { resolve } from 'node:path';
import { context, formatMessages, type BuildContext, type BuildFailure, type Message } from 'esbuild';
import { bundleOptions, packageBundle, type FunctionBundle, type FunctionName } from '../bundle/index.js';

export type BuildOutcome = { ok: true; bundle: FunctionBundle; ms: number } | { ok: false; errors: Message[]; ms: number };

/**
 * One function's bundle kept warm in an esbuild context: a rebuild reparses only what changed, and gives the
 * same zip (same CodeSha256) as `up`. It knows which files went into the last good bundle, so that a change
 * elsewhere under lambdas/ leaves this function alone.
 */
export class FunctionBuilder {
  private inputs = new Set<string>();
  /** Until a build succeeds its inputs are unknown: any change may be the fix. */
  private broken = true;

  private constructor(
    readonly fn: FunctionName,
    private readonly ctx: BuildContext<{ write: false; metafile: true }>,
    private readonly root: string,
  ) {}

  static async create(fn: FunctionName): Promise<FunctionBuilder> {
    const options = { ...bundleOptions(fn), metafile: true as const };
    return new FunctionBuilder(fn, await context(options), options.absWorkingDir!);
  }

  affectedBy(path: string): boolean {
    return this.broken || this.inputs.has(path);
  }

  async rebuild(): Promise<BuildOutcome> {
    const started = performance.now();
    try {
      const result = await this.ctx.rebuild();
      this.inputs = new Set(Object.keys(result.metafile.inputs).map((p) => resolve(this.root, p)));
      this.broken = false;
      const bundle = await packageBundle(result.outputFiles[0].contents);
      return { ok: true, bundle, ms: Math.round(performance.now() - started) };
    } catch (err) {
      const errors = (err as Partial<BuildFailure>).errors;
      if (!errors) throw err;
      this.broken = true;
      return { ok: false, errors, ms: Math.round(performance.now() - started) };
    }
  }

  dispose(): Promise<void> {
    return this.ctx.dispose();
  }
}

/** esbuild's own rendering of build errors: `file:line:column`, the message and the source line. */
export const formatBuildErrors = (errors: Message[], color: boolean) => formatMessages(errors, { kind: 'error', color });
