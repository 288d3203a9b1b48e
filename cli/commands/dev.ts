import { relative } from 'node:path';
import chalk from 'chalk';
import { lambdasDir } from '../../src/bundle/index.js';
import { formatBuildErrors } from '../../src/dev/builder.js';
import { startDev, type DevEvent } from '../../src/dev/index.js';
import { formatLogEvent } from '../../src/observe/logs.js';
import { cliCommand } from '../../src/hints.js';
import { bringUp, type UpFlags } from './up.js';

export type DevFlags = Omit<UpFlags, 'dryRun'>;

const shown = (path: string) => relative(process.cwd(), path) || path;
const why = (error: unknown) => `${(error as Error)?.name ?? 'Error'}: ${(error as Error)?.message ?? String(error)}`;

async function print(event: DevEvent): Promise<void> {
  const err = process.stderr;
  switch (event.kind) {
    case 'log':
      return void process.stdout.write(formatLogEvent(event.event));
    case 'reloaded':
      return void err.write(
        `${chalk.yellow('~')} ${event.fn.padEnd(9)} rebuilt ${event.buildMs} ms, updated ${event.updateMs} ms ${chalk.dim(`(serving ${event.servingMs} ms after the save)`)}\n`,
      );
    case 'unchanged':
      return void err.write(`${chalk.dim('=')} ${event.fn.padEnd(9)} rebuilt ${event.buildMs} ms, ${chalk.dim('same code: nothing sent')}\n`);
    case 'build-failed':
      err.write(`${chalk.red('✗')} ${event.fn.padEnd(9)} build failed; the last good code keeps serving\n`);
      return void err.write((await formatBuildErrors(event.errors, chalk.level > 0)).join(''));
    case 'reload-failed':
      return void err.write(
        `${chalk.red('✗')} ${event.fn.padEnd(9)} not updated (${why(event.error)}); the deployed code keeps serving, the next save tries again\n`,
      );
    case 'settings-changed':
      return void err.write(
        `${chalk.yellow('! note     ')} stack settings changed: run bus-cli up ${chalk.dim(`(${shown(event.file)}; dev keeps serving as deployed)`)}\n`,
      );
    case 'logs-failed':
      return void err.write(`${chalk.red('✗')} logs     stopped following (${why(event.error)})\n`);
  }
}

/** `bus-cli dev`: ensure the stack (like `up`), then reload each function's code as lambdas/ changes, with both logs. */
export async function devCommand(flags: DevFlags): Promise<void> {
  const session = await bringUp(flags, {
    onPlan: (plan, { ctx, target }) => {
      if (plan.changes.some((c) => c.id.startsWith('function:') && c.action === 'create')) {
        process.stderr.write(`${chalk.cyan('! note     ')} no stack ${ctx.names.stack} on ${target.kind} yet: running up first\n`);
      }
    },
  });
  try {
    // Printing in order: a build error's rendering is async, and must not land amid the next line.
    let printing = Promise.resolve();
    const dev = await startDev(session.ctx, { trips: flags.trips, onEvent: (e) => (printing = printing.then(() => print(e))) });
    process.stderr.write(`${chalk.green('watching')}   ${shown(lambdasDir())}/ — a save rebuilds and updates the functions it goes into; Ctrl-C stops\n`);
    await new Promise<void>((done) => {
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    });
    await dev.close();
    await printing;
    process.stderr.write(`\nstopped; stack ${session.ctx.names.stack} is still up ${chalk.dim(`(${cliCommand('down', flags)} removes it)`)}\n`);
  } finally {
    session.close();
  }
}
