import { spawn } from 'node:child_process';
import { openStack, type TargetFlags } from '../../src/session.js';
import { bucket } from '../../src/stack/resources/bucket.js';
import { UserError } from '../../src/errors.js';
import { cliCommand } from '../../src/hints.js';

/** The desktop's "open this URL" command, or undefined on a machine with no desktop (CI, ssh). */
function opener(): string[] | undefined {
  if (process.platform === 'darwin') return ['open'];
  if (process.platform === 'win32') return ['cmd', '/c', 'start', ''];
  return process.env.DISPLAY || process.env.WAYLAND_DISPLAY ? ['xdg-open'] : undefined;
}

/** `bus-cli open`: prints the page URL and, on a desktop, opens it in the browser. */
export async function openCommand(flags: TargetFlags & { print?: boolean }): Promise<void> {
  const session = await openStack(flags, { startLocal: false, withCode: false });
  try {
    const { ctx } = session;
    const current = await bucket.read(ctx);
    if (!current) throw new UserError(`stack ${ctx.names.stack} has no bucket on this target`, `run \`${cliCommand('up', flags)}\` first`);
    bucket.outputs(ctx, current);
    const url = ctx.outputs.websiteUrl!;
    process.stdout.write(`${url}\n`);
    const cmd = flags.print ? undefined : opener();
    if (cmd)
      spawn(cmd[0], [...cmd.slice(1), url], { detached: true, stdio: 'ignore' })
        .on('error', () => {})
        .unref();
  } finally {
    session.close();
  }
}
