import chalk from 'chalk';
import { openStack, type TargetFlags } from '../../src/session.js';
import { stackStatus, type ResourceStatus } from '../../src/stack/status.js';
import type { QueueDepth } from '../../src/stack/resources/queue.js';

export interface StatusFlags extends TargetFlags {
  json?: boolean;
}

const STATE_COLOR: Record<ResourceStatus['state'], (s: string) => string> = {
  ok: chalk.green,
  drift: chalk.yellow,
  missing: chalk.red,
};

const depthText = (d: QueueDepth | undefined) => (d ? `${d.waiting} waiting, ${d.inFlight} in flight` : 'missing');

/** `bus-cli status`: every resource, whether it exists, drift from what `up` wants, and the URLs. */
export async function statusCommand(flags: StatusFlags): Promise<number> {
  const session = await openStack(flags, { startLocal: false, withCode: true });
  try {
    const status = await stackStatus(session.ctx);
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
    } else {
      const rows = status.resources.map((r) => [r.id, r.name, STATE_COLOR[r.state](r.state), r.state === 'drift' ? r.drift.join('; ') : r.detail]);
      const widths = [0, 1].map((i) => Math.max(...rows.map((row) => row[i].length)));
      process.stdout.write(`${chalk.bold('stack')} ${status.stack} on ${status.target.kind} (${status.target.endpoint ?? status.target.region})\n`);
      for (const row of rows)
        process.stdout.write(
          `  ${row[0].padEnd(widths[0])}  ${row[1].padEnd(widths[1])}  ${row[2].padEnd(8 + (row[2].length - chalk.reset(row[2]).length))}  ${chalk.dim(row[3])}\n`,
        );
      if (status.urls.page) process.stdout.write(`\n  page  ${status.urls.page}\n  api   ${status.urls.api ?? '-'}\n  stats ${status.urls.stats}\n`);
      const { queue, dlq } = status.depth;
      if (queue || dlq) process.stdout.write(`  depth queue ${depthText(queue)}, DLQ ${depthText(dlq)}\n`);
      process.stdout.write(`\n  ${status.summary}\n`);
    }
    return 0;
  } finally {
    session.close();
  }
}
