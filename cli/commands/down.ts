import chalk from 'chalk';
import { destroy } from '../../src/stack/apply.js';
import { plan } from '../../src/stack/plan.js';
import { deleteTagged, findTagged, stepKind, type Tagged } from '../../src/stack/sweep.js';
import { openStack, type TargetFlags } from '../../src/session.js';
import { UserError } from '../../src/errors.js';
import { confirm, onInterrupt, spinnerReporter } from '../ui.js';
import { cliCommand, localStopLine } from '../../src/hints.js';

export interface DownFlags extends TargetFlags {
  yes?: boolean;
  dryRun?: boolean;
}

/**
 * `bus-cli down`: deletes the stack's resources in reverse dependency order (the bucket emptied of every
 * object version and delete marker first), then sweeps whatever else carries the stack's tags in each
 * service (a queue or route added by hand, a renamed copy) and the functions' log groups.
 */
export async function downCommand(flags: DownFlags): Promise<void> {
  const session = await openStack(flags, { startLocal: false, withCode: false });
  try {
    const { ctx, target } = session;
    const [thePlan, tagged] = await Promise.all([plan(ctx), findTagged(ctx)]);
    const existing = thePlan.changes.filter((c) => c.action !== 'create' && stepKind(c.id) !== undefined).reverse();
    const named = new Set(existing.map((c) => `${stepKind(c.id)}:${c.name}`));
    const extra = tagged.filter((t) => !named.has(`${t.kind}:${t.name}`));
    const count = existing.length + extra.length;
    if (!count) {
      process.stdout.write(`nothing to delete: stack ${ctx.names.stack} has no resources on ${target.kind}\n`);
      return;
    }
    if (flags.dryRun) {
      process.stdout.write(`would delete (stack ${ctx.names.stack} on ${target.kind}):\n`);
      for (const c of existing) process.stdout.write(`  ${chalk.red('- delete')} ${c.id.padEnd(18)} ${c.name}\n`);
      for (const t of extra) process.stdout.write(`  ${chalk.red('- delete')} ${t.kind.padEnd(18)} ${t.name}${chalk.dim(` ${extraWhy(t)}`)}\n`);
      return;
    }
    // Deleting on real AWS loses data: ask, unless --yes.
    if (target.kind === 'aws' && !target.endpoint && !flags.yes) {
      if (!process.stdin.isTTY) throw new UserError(`down would delete ${count} resources on AWS`, 'pass --yes to confirm');
      if (!(await confirm(`delete ${count} resources of stack ${ctx.names.stack} in ${target.region}? [y/N] `))) return;
    }
    const reporter = spinnerReporter();
    const stopListening = onInterrupt('deleted', cliCommand('down', flags), reporter);
    try {
      await destroy(ctx, {
        progress: (id, message) => reporter.progress(id, message),
        deleted(id, name, existed) {
          reporter.clear(id);
          if (existed) reporter.line(chalk.red('- deleted  '), `${id.padEnd(18)} ${name}`);
        },
      });
      // Everything tagged, again: what destroy deleted is already gone and is skipped without a line.
      const sweepCtx = { ...ctx, progress: (m: string) => reporter.progress('sweep', m) };
      await deleteTagged(sweepCtx, tagged, (t, existed) => {
        reporter.clear('sweep');
        if (existed) reporter.line(chalk.red('- deleted  '), `${t.kind.padEnd(18)} ${t.name}${chalk.dim(` ${extraWhy(t)}`)}`);
      });
    } finally {
      stopListening();
      reporter.stop();
    }
    process.stdout.write(`stack ${ctx.names.stack} deleted from ${target.kind}\n`);
    if (target.kind === 'embedded')
      process.stdout.write(`the local cloud is still running; stop it with \`${localStopLine(Number(new URL(target.endpoint!).port))}\`\n`);
  } finally {
    session.close();
  }
}

const extraWhy = (t: Tagged) =>
  t.kind === 'log-group' ? "(the function's logs)" : t.kind === 'mapping' ? '(reads or feeds the stack)' : '(tagged with the stack)';
