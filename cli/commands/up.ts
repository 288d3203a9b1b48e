import { driftTexts } from '../../src/stack/drift.js';
import { readFileSync } from 'node:fs';
import chalk from 'chalk';
import { apply } from '../../src/stack/apply.js';
import { plan, type Plan } from '../../src/stack/plan.js';
import { openStack, saveTarget, type StackSession, type TargetFlags } from '../../src/session.js';
import { parseTripsFile } from '../../lambdas/domain/index.js';
import { UserError } from '../../src/errors.js';
import { ensureNodeFor, fallbackWarning } from '../../src/runtimes/node.js';
import { detectLocalEndpoint } from '../../src/target/detect.js';
import type { StackTarget } from '../../src/stack/context.js';
import { link, onInterrupt, spinnerReporter } from '../ui.js';
import { cliCommand } from '../../src/hints.js';

export interface UpFlags extends TargetFlags {
  trips?: string;
  dryRun?: boolean;
}

function loadTrips(path: string) {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UserError(
      `cannot read --trips ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      'give the path of a JSON file of trips',
    );
  }
  try {
    return parseTripsFile(text);
  } catch (err) {
    throw new UserError(`--trips ${path}: ${(err as Error).message}`, 'see README.md for the trips file format');
  }
}

export function printPlan(p: Plan, out = process.stdout) {
  for (const c of p.changes) {
    const mark = c.action === 'create' ? chalk.green('+ create') : c.action === 'update' ? chalk.yellow('~ update') : chalk.dim('= none  ');
    out.write(`${mark} ${c.id.padEnd(18)} ${c.name}${c.reasons.length && c.action === 'update' ? chalk.dim(` (${driftTexts(c.reasons).join('; ')})`) : ''}\n`);
  }
}

/** What the user should know but would not guess, e.g. the bucket name `up` fell back to: one line each. */
function printNotices(notices: string[]) {
  for (const notice of notices) process.stderr.write(`${chalk.yellow('! note     ')} ${notice}\n`);
}

/**
 * The embedded cloud runs each function on its runtime's Node: fetch it here, where the user sees why `up`
 * waits (the cloud would fetch it too, keeping the function Pending meanwhile). Without it, say so loudly.
 */
async function readyRuntimeNode(runtime: string, reporter: ReturnType<typeof spinnerReporter>) {
  const node = await ensureNodeFor(runtime, (message) => reporter.progress('runtime', message)).finally(() => reporter.clear('runtime'));
  if (node?.source === 'fallback') process.stderr.write(`${chalk.yellow(fallbackWarning(node))}\n`);
}

/** The runtime the functions deploy as and, in the embedded cloud, the Node it runs them on (the cloud's own word). */
async function describeRuntime(runtime: string, target: StackTarget): Promise<string> {
  if (target.kind !== 'embedded') return runtime;
  const found = await detectLocalEndpoint(target.endpoint!).catch(() => undefined);
  const node = found?.kind === 'embedded' ? found.health.runtimes?.find((r) => r.runtime === runtime) : undefined;
  if (!node) return runtime;
  return `${runtime} on Node ${node.version}${node.source === 'fallback' ? chalk.yellow(` (the host's, standing in for Node ${node.major})`) : ''}`;
}

/** How the caller hears what `up` is about to do, before it does it (dev says when it brings a stack up first). */
export interface BringUpOptions {
  onPlan?: (plan: Plan, session: StackSession) => void;
}

/** `up`'s work: plan, apply what differs, print the URLs. The session stays open for the caller to use and close. */
export async function bringUp(flags: UpFlags, opts: BringUpOptions = {}): Promise<StackSession> {
  const given = flags.trips === undefined ? undefined : loadTrips(flags.trips);
  const reporter = spinnerReporter();
  const started = Date.now();
  reporter.progress('target', 'finding the target');
  const session = await openStack(flags, {
    startLocal: !flags.dryRun,
    withCode: true,
    trips: given,
    onStartLocal: () => reporter.progress('target', 'starting the embedded local cloud (no Docker needed)'),
    onNotice: (message) => reporter.line(chalk.cyan('! note     '), message),
    progress: (m) => reporter.progress('target', m),
  }).finally(() => reporter.clear('target'));
  try {
    const { ctx, target } = session;
    if (session.startedLocal) process.stderr.write(`${chalk.green('+ started  ')} ${'local cloud'.padEnd(18)} ${target.endpoint}\n`);
    if (target.kind === 'localstack') process.stderr.write(`${chalk.dim('using LocalStack at')} ${target.endpoint}\n`);
    const thePlan = await plan(ctx);
    if (flags.dryRun) {
      printPlan(thePlan);
      printNotices(ctx.notices);
      return session;
    }
    opts.onPlan?.(thePlan, session);
    if (target.kind === 'embedded') await readyRuntimeNode(ctx.spec.runtime, reporter);
    const stopListening = onInterrupt('made', cliCommand('up', flags), reporter);
    await apply(ctx, thePlan, reporter).finally(stopListening);
    reporter.stop();
    printNotices(ctx.notices);
    saveTarget(target, session.flags, ctx.spec);
    const o = ctx.outputs;
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `\n${chalk.bold(`stack ${ctx.names.stack} is up`)} on ${target.kind}${target.endpoint ? ` (${target.endpoint})` : ''} in ${target.region} — ${secs} s\n` +
        `  bucket      ${o.bucket}\n` +
        `  page        ${link(o.websiteUrl)}\n` +
        `  api         ${link(o.apiUrl)}\n` +
        `  stats.json  ${link(o.statsUrl)}\n` +
        `  runtime     ${await describeRuntime(ctx.spec.runtime, target)}\n\n` +
        chalk.dim(`  try: curl -X POST ${o.apiUrl}/api/book-bus -d '{}'\n`),
    );
    return session;
  } catch (err) {
    session.close();
    throw err;
  } finally {
    reporter.stop();
  }
}

/** `bus-cli up`: plan, then apply what differs, then print the URLs. */
export async function upCommand(flags: UpFlags): Promise<void> {
  (await bringUp(flags)).close();
}
