import { DEFAULT_PORT } from './localcloud/core/constants.js';
import type { TargetFlags } from './target/flags.js';

/**
 * `bus-cli <command>` with the target flags the user gave, so that a "what to do" line, run as printed,
 * acts on the same target (a hint without `--port 4711` would go to another cloud).
 */
export function cliCommand(command: string, flags: TargetFlags): string {
  const args = [
    flags.local && '--local',
    flags.port !== undefined && `--port ${flags.port}`,
    flags.endpoint && `--endpoint ${flags.endpoint}`,
    flags.region && `--region ${flags.region}`,
    flags.stack && `--stack ${flags.stack}`,
  ].filter(Boolean);
  return ['bus-cli', command, ...args].join(' ');
}

/** `bus-cli local stop` for the cloud on `port` (the flag only when it is not the default). */
export const localStopLine = (port: number) => `bus-cli local stop${port === DEFAULT_PORT ? '' : ` --port ${port}`}`;
