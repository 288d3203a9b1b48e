import { stop as stopEsbuild, type Message } from 'esbuild';
import { FUNCTION_NAMES, lambdasDir, type FunctionName } from '../bundle/index.js';
import type { StackContext } from '../stack/context.js';
import { updateCode } from '../stack/resources/functions.js';
import { readLogs, type LogEvent } from '../observe/logs.js';
import { FunctionBuilder } from './builder.js';
import { debounce, type ChangeBatch } from './debounce.js';
import { desiredStateFiles, settingsFiles } from './settings.js';
import { watchPaths } from './watch.js';

/** How long the files must stay quiet before a rebuild: longer than the gaps in an editor's burst of writes. */
export const QUIET_MS = 80;

export type DevEvent =
  /** New code built, sent, and reported Successful: from now on every invocation runs it. */
  | { kind: 'reloaded'; fn: FunctionName; buildMs: number; updateMs: number; servingMs: number }
  /** Rebuilt to the same CodeSha256 as the deployed code: nothing sent. */
  | { kind: 'unchanged'; fn: FunctionName; buildMs: number }
  /** The build failed: the last good code keeps serving. */
  | { kind: 'build-failed'; fn: FunctionName; errors: Message[] }
  /** The update was refused or did not settle (or the build crashed): the deployed code keeps serving, the next save tries again. */
  | { kind: 'reload-failed'; fn: FunctionName; error: unknown }
  /** A file of the stack's desired state changed: that needs `up`, dev does not apply it. */
  | { kind: 'settings-changed'; file: string }
  | { kind: 'log'; event: LogEvent }
  | { kind: 'logs-failed'; error: unknown };

export interface DevOptions {
  /** The trips file the stack was seeded from, if not the default: part of the desired state, watched, never applied. */
  trips?: string;
  onEvent: (event: DevEvent) => void;
}

export interface DevSession {
  /** Resolves when the reloads and saves seen so far have been dealt with (tests, bench). */
  idle(): Promise<void>;
  /** Stops watching, building and following logs; the stack stays as it is. */
  close(): Promise<void>;
}

/**
 * `bus-cli dev` on a stack that is up: watches the lambdas folder, rebuilds the functions a change went
 * into, sends the code of those whose CodeSha256 changed, and follows both functions' logs.
 */
export async function startDev(ctx: StackContext, opts: DevOptions): Promise<DevSession> {
  const emit = opts.onEvent;
  const builders = await Promise.all(FUNCTION_NAMES.map((fn) => FunctionBuilder.create(fn)));
  /** What the function runs now, as far as this session knows: up just deployed ctx.code. */
  const deployed: Record<FunctionName, string> = { producer: ctx.code.producer.sha256, consumer: ctx.code.consumer.sha256 };
  const settings = settingsFiles(desiredStateFiles(opts.trips));
  // A reload says what it did in one line once done; up's step-by-step progress has no place here.
  const quiet: StackContext = { ...ctx, progress: () => {} };

  async function reload(builder: FunctionBuilder, savedAt: number): Promise<void> {
    const { fn } = builder;
    try {
      const built = await builder.rebuild();
      if (!built.ok) return emit({ kind: 'build-failed', fn, errors: built.errors });
      if (built.bundle.sha256 === deployed[fn]) return emit({ kind: 'unchanged', fn, buildMs: built.ms });
      const sending = performance.now();
      await updateCode(quiet, ctx.names[fn], built.bundle.zip);
      deployed[fn] = built.bundle.sha256;
      emit({ kind: 'reloaded', fn, buildMs: built.ms, updateMs: Math.round(performance.now() - sending), servingMs: Date.now() - savedAt });
    } catch (error) {
      emit({ kind: 'reload-failed', fn, error });
    }
  }

  // One reload at a time: saves made meanwhile wait in one batch for the next. The first build warms the
  // contexts and sends whatever changed between up's bundle and now.
  const startedAt = Date.now();
  let running = Promise.all(builders.map((b) => reload(b, startedAt))).then(() => {});
  let waiting: ChangeBatch | undefined;
  const handle = (batch: ChangeBatch) => {
    if (waiting) {
      for (const p of batch.paths) waiting.paths.add(p);
      return;
    }
    waiting = batch;
    running = running.then(async () => {
      const { paths, savedAt } = waiting!;
      waiting = undefined;
      for (const file of paths) if (settings.changed(file)) emit({ kind: 'settings-changed', file });
      const affected = builders.filter((b) => [...paths].some((p) => b.affectedBy(p)));
      await Promise.all(affected.map((b) => reload(b, savedAt)));
    });
  };
  const changes = debounce(QUIET_MS, handle);
  const unwatch = watchPaths([lambdasDir()], settings.files, (path) => changes.add(path));

  await running;
  const logs = new AbortController();
  const following = readLogs(ctx, { fns: FUNCTION_NAMES, startTime: Date.now(), follow: true, signal: logs.signal }, (event) =>
    emit({ kind: 'log', event }),
  ).catch((error) => emit({ kind: 'logs-failed', error }));

  return {
    idle: () => running,
    async close() {
      unwatch();
      changes.close();
      logs.abort();
      await Promise.allSettled([running, following]);
      await Promise.all(builders.map((b) => b.dispose()));
      await stopEsbuild();
    },
  };
}
