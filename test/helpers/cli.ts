import { spawn, type ChildProcess } from 'node:child_process';
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

/** A running bus-cli: what it printed so far, a way to wait for a line, and its end. */
export interface RunningCli {
  child: ChildProcess;
  /** Resolves once stdout or stderr matches `pattern`; rejects if the CLI ends first. */
  printed(pattern: RegExp): Promise<void>;
  /** What it printed so far. */
  output(): { stdout: string; stderr: string };
  result: Promise<CliResult>;
}

/** Starts the real bin (`node cli/bus-cli.mjs ...`) as a user would; `node` picks another Node binary. */
export function startCli(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000, node = process.execPath): RunningCli {
  const child = spawn(node, [projectPath('cli', 'bus-cli.mjs'), ...args], {
    env: { ...process.env, CI: '1', NO_COLOR: '1', BUS_CLI_HOME: env.BUS_CLI_HOME ?? freshHome(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const watchers = new Set<() => void>();
  const notify = () => {
    for (const check of watchers) check();
  };
  child.stdout!.on('data', (d) => {
    stdout += d;
    notify();
  });
  child.stderr!.on('data', (d) => {
    stderr += d;
    notify();
  });
  const result = new Promise<CliResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bus-cli ${args.join(' ')} did not finish in ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
      notify();
    });
  });
  const printed = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (pattern.test(stdout) || pattern.test(stderr)) resolve();
        else if (child.exitCode !== null || child.signalCode !== null) reject(new Error(`bus-cli ended without printing ${pattern}\n${stdout}\n${stderr}`));
        else return;
        watchers.delete(check);
      };
      watchers.add(check);
      check();
    });
  return { child, printed, output: () => ({ stdout, stderr }), result };
}

/** Runs the real bin to its end and collects what it printed. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000, node = process.execPath): Promise<CliResult> {
  return startCli(args, env, timeoutMs, node).result;
}
