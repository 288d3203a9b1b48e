import chalk from 'chalk';
import { createInterface } from 'node:readline/promises';
import { destroy } from '../../src/stack/apply.js';
import { plan } from '../../src/stack/plan.js';
import { openStack, type TargetFlags } from '../../src/session.js';
import { UserError } from '../../src/errors.js';
import { spinnerReporter } from '../ui.js';

export interface DownFlags extends TargetFlags {
  yes?: boolean;
  dryRun?: boolean;
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/** `bus-cli down`: deletes every resource of the stack, in reverse dependency order. */
export async function downCommand(flags: DownFlags): Promise<void> {
  const session = await openStack(flags, { startLocal: false, withCode: false });
  try {
    const { ctx, target } = session;
    const existing = (await plan(ctx)).changes.filter((c) => c.action !== 'create' && c.id !== 'seed' && c.id !== 'site');
    if (!existing.length) {
      process.stdout.write(`nothing to delete: stack ${ctx.names.stack} has no resources on ${target.kind}\n`);
      return;
    }
    if (flags.dryRun) {
      process.stdout.write(`would delete (stack ${ctx.names.stack} on ${target.kind}):\n`);
      for (const c of [...existing].reverse()) process.stdout.write(`  ${chalk.red('- delete')} ${c.id.padEnd(18)} ${c.name}\n`);
      return;
    }
    // Deleting on real AWS loses data: ask, unless --yes.
    if (target.kind === 'aws' && !target.endpoint && !flags.yes) {
      if (!process.stdin.isTTY) throw new UserError(`down would delete ${existing.length} resources on AWS`, 'pass --yes to confirm');
      if (!(await confirm(`delete ${existing.length} resources of stack ${ctx.names.stack} in ${target.region}? [y/N] `))) return;
    }
    const reporter = spinnerReporter();
    await destroy(ctx, {
      progress: (id, message) => reporter.progress(id, message),
      deleted(id, name, existed) {
        reporter.clear(id);
        if (existed) reporter.line(chalk.red('- deleted  '), `${id.padEnd(18)} ${name}`);
      },
    }).finally(() => reporter.stop());
    process.stdout.write(`stack ${ctx.names.stack} deleted from ${target.kind}\n`);
  } finally {
    session.close();
  }
}
