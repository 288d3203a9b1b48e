import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectPath } from '../../src/paths.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A fresh BUS_CLI_HOME, so a CLI test never sees another run's saved target or local cloud. */
export const freshHome = () => mkdtempSync(join(tmpdir(), 'bus-cli-test-'));

/** Runs the real bin (`node cli/bus-cli.mjs ...`) as a user would, and collects what it printed; `node` picks another Node binary. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000, node = process.execPath): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(node, [projectPath('cli', 'bus-cli.mjs'), ...args], {
      env: { ...process.env, CI: '1', NO_COLOR: '1', BUS_CLI_HOME: env.BUS_CLI_HOME ?? freshHome(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bus-cli ${args.join(' ')} did not finish in ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
