import { driftTexts } from '../src/stack/drift.js';
import chalk from 'chalk';
import ora, { type Ora } from 'ora';
import { createInterface } from 'node:readline/promises';
import type { ApplyReporter, StepResult } from '../src/stack/apply.js';
import { EXIT_INTERRUPTED, StepError, UserError } from '../src/errors.js';

const RESULT_MARK: Record<StepResult, string> = {
  created: chalk.green('+ created  '),
  updated: chalk.yellow('~ updated  '),
  unchanged: chalk.dim('= unchanged'),
};

/** One spinner naming the steps under way; a line per finished step saying what happened to it. */
export interface SpinnerReporter extends ApplyReporter {
  spinner: Ora;
  /** A finished line with its own mark (e.g. `- deleted`). */
  line(mark: string, text: string): void;
  /** Forgets a step's spinner text without printing a line. */
  clear(id: string): void;
  stop(): void;
}

export function spinnerReporter(out: NodeJS.WriteStream = process.stderr): SpinnerReporter {
  // Without a terminal (CI, pipes) each step's state is printed once as a plain line, not re-rendered. A terminal
  // of no width (a pty nobody sized, as `script` makes) counts as none: ora would redraw for ever there.
  const live = Boolean(out.isTTY) && (out.columns ?? 0) > 0 && !process.env.CI;
  const spinner = ora({ stream: out, isEnabled: live });
  const spin = () => {
    if (live && !spinner.isSpinning) spinner.start();
  };
  const active = new Map<string, string>();
  const printed = new Map<string, string>();
  const render = () => {
    spinner.text = [...active.values()].join('  |  ');
  };
  const plain = (id: string) => {
    const text = active.get(id);
    if (live || !text || printed.get(id) === text) return;
    printed.set(id, text);
    out.write(`  … ${text}\n`);
  };
  return {
    spinner,
    start(id, name, action) {
      active.set(id, `${name}${action === 'none' ? '' : ` (${action})`}`);
      if (action !== 'none') plain(id);
      spin();
      render();
    },
    progress(id, message) {
      const base = active.get(id)?.split(': ')[0] ?? id;
      active.set(id, `${base}: ${message}`);
      plain(id);
      spin();
      render();
    },
    done(id, name, result, reasons, ms) {
      const why = result === 'updated' && reasons.length ? chalk.dim(` (${driftTexts(reasons).join('; ')})`) : '';
      this.clear(id);
      this.line(RESULT_MARK[result], `${id.padEnd(18)} ${name}${why} ${chalk.dim(`${ms} ms`)}`);
    },
    line(mark, text) {
      spinner.stopAndPersist({ symbol: mark, text });
      if (active.size) {
        spin();
        render();
      }
    },
    clear(id) {
      active.delete(id);
      if (!active.size && spinner.isSpinning) spinner.stop();
      else render();
    },
    stop() {
      if (spinner.isSpinning) spinner.stop();
    },
  };
}

/** Prints an error as one line (plus what to do); the stack trace only with --debug. */
export function printError(err: unknown, debug: boolean): number {
  const cause = err instanceof StepError ? err.cause : err;
  const prefix = err instanceof StepError ? `${err.step}: ` : '';
  if (cause instanceof UserError) {
    process.stderr.write(`${chalk.red('error:')} ${prefix}${cause.message}\n`);
    if (cause.hint) process.stderr.write(`${chalk.dim('  what to do:')} ${cause.hint}\n`);
  } else {
    const e = cause as Error & { $metadata?: { httpStatusCode?: number } };
    const code = e?.name && e.name !== 'Error' ? `${e.name}: ` : '';
    process.stderr.write(`${chalk.red('error:')} ${prefix}${code}${e?.message ?? String(e)}\n`);
    if (!debug) process.stderr.write(chalk.dim('  run again with --debug to see the stack trace\n'));
  }
  if (debug && cause instanceof Error) process.stderr.write(`${cause.stack}\n`);
  return cause instanceof UserError ? cause.exitCode : 1;
}

export const link = (url: string | undefined) => (url ? chalk.cyan(url) : chalk.dim('(unknown)'));

/**
 * While `command` changes the stack, Ctrl-C says the stack is left half done and how to finish it, then
 * exits 130 at once. Returns the function that stops listening.
 */
export function onInterrupt(done: 'made' | 'deleted', rerun: string, reporter: { stop(): void }): () => void {
  const interrupted = () => {
    reporter.stop();
    process.stderr.write(`\ninterrupted: the stack is partly ${done}; run ${rerun} again to finish\n`);
    process.exit(EXIT_INTERRUPTED);
  };
  process.once('SIGINT', interrupted);
  return () => process.off('SIGINT', interrupted);
}

/** Asks a yes/no question on the terminal; anything but y/yes is no. */
export async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}
