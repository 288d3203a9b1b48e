import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { projectPath } from '../../src/paths.js';

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Access keys in the environment, where the default credential chain looks first (AWS's documentation example). */
export const ENV_KEYS = { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

const NETWORK_GUARD = projectPath('test', 'awspath', 'no-network.mjs');
const CLI_TIMEOUT_MS = 90_000;

const tempDirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** Removes the homes and logs of every clean machine made so far (call from afterAll). */
export function removeMachines(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * A machine with no AWS set up: none of this machine's AWS_* variables, HOME an empty directory (no
 * ~/.aws), instance metadata off (the SDK's chain must not wait on 169.254.169.254), a fresh BUS_CLI_HOME,
 * and a guard that refuses and records any connection beyond loopback.
 */
export function cleanMachine(env: Record<string, string> = {}) {
  const networkLog = join(tempDir('bus-awspath-net-'), 'attempts.log');
  const vars: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_') && k !== 'NODE_OPTIONS'));
  Object.assign(vars, {
    HOME: tempDir('bus-awspath-home-'),
    BUS_CLI_HOME: tempDir('bus-awspath-cli-'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    CI: '1',
    NO_COLOR: '1',
    NODE_OPTIONS: `--import=${NETWORK_GUARD}`,
    NETWORK_GUARD_LOG: networkLog,
    ...env,
  });
  return {
    env: vars,
    /** host:port of every connection the guard refused. */
    networkAttempts: () => (existsSync(networkLog) ? readFileSync(networkLog, 'utf8').trim().split('\n').filter(Boolean) : []),
  };
}

/** Runs `node cli/bus-cli.mjs <args>`; `killWhen` SIGKILLs it as soon as its output satisfies the test. */
export function bus(args: string[], env: NodeJS.ProcessEnv, killWhen?: (stderr: string) => boolean): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [projectPath('cli', 'bus-cli.mjs'), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      if (killWhen?.(stderr)) child.kill('SIGKILL');
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bus-cli ${args.join(' ')} did not finish in ${CLI_TIMEOUT_MS} ms\n${stdout}\n${stderr}`));
    }, CLI_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** The run succeeded; its output is shown when it did not. */
export function expectOk(run: CliRun): CliRun {
  expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
  return run;
}

/** One clear message (plus what to do), exit code 2, no stack trace. */
export function expectOneClearError(run: CliRun, message: RegExp) {
  expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(2);
  const errors = run.stderr.split('\n').filter((l) => l.startsWith('error:'));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(message);
  expect(run.stderr).toMatch(/what to do: \S/);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}
