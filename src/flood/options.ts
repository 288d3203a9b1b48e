import type { LoadPlan } from './load.js';

/** Closed model concurrency when neither --rate nor --connections is given (autocannon's default). */
export const DEFAULT_CONNECTIONS = 10;
/** Requests sent when neither --requests nor --duration is given. */
export const DEFAULT_REQUESTS = 1_000;
/** How long `flood` waits for the queue to drain after the load ends. */
export const DEFAULT_DRAIN_TIMEOUT_MS = 120_000;
/** Socket pool of the open model: enough for the arrival rate times latency of a healthy API. */
export const OPEN_MODEL_CONNECTIONS = 100;
/** API Gateway cuts integrations off at 30 s, so no answer is worth waiting for longer. */
export const REQUEST_TIMEOUT_MS = 30_000;
/** A sanity ceiling so a typo (--connections 50000) does not exhaust file descriptors. */
export const MAX_CONNECTIONS = 10_000;

/** The flag values as commander hands them over: strings, or undefined when absent. */
export interface FloodFlags {
  requests?: string;
  duration?: string;
  rate?: string;
  connections?: string;
  trip?: string;
  duplicates?: string;
  invalid?: string;
  report?: string;
  timeout?: string;
}

export interface FloodOptions {
  /** What to send; `runLoad` needs it plus the stack's apiUrl. */
  plan: LoadPlan;
  /** Folder for report.json and report.html; undefined writes no report. */
  reportDir?: string;
  /** Upper bound on waiting for the queue to drain after the load. */
  drainTimeoutMs: number;
}

/** A flag value that cannot work; the message is one line saying what was wrong and what to do. */
export class FloodOptionError extends Error {
  override name = 'FloodOptionError';
}

/** Turns `flood`'s flags into validated options; throws FloodOptionError on the first bad value. */
export function parseFloodOptions(flags: FloodFlags): FloodOptions {
  if (flags.rate !== undefined && flags.connections !== undefined) {
    throw new FloodOptionError(
      '--rate and --connections exclude each other: use --rate R for a fixed arrival rate (open model) or --connections C for C users sending back to back (closed model).',
    );
  }
  if (flags.requests !== undefined && flags.duration !== undefined) {
    throw new FloodOptionError('--requests and --duration exclude each other: bound the run by a count (--requests 2000) or by time (--duration 30s).');
  }
  const shared = {
    ...bound(flags),
    tripIds: parseTripIds(flags.trip),
    duplicates: parseFraction('--duplicates', flags.duplicates),
    invalid: parseFraction('--invalid', flags.invalid),
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
  };
  if (shared.duplicates + shared.invalid > 1) {
    throw new FloodOptionError(`--duplicates ${shared.duplicates} plus --invalid ${shared.invalid} exceed 1: together they may cover at most every request.`);
  }
  const plan: LoadPlan =
    flags.rate !== undefined
      ? { ...shared, model: 'open', rate: parsePositive('--rate', flags.rate, 'requests per second, e.g. --rate 200'), connections: OPEN_MODEL_CONNECTIONS }
      : { ...shared, model: 'closed', connections: parseConnections(flags.connections) };
  return {
    plan,
    reportDir: flags.report === undefined || flags.report === '' ? undefined : flags.report,
    drainTimeoutMs: flags.timeout === undefined ? DEFAULT_DRAIN_TIMEOUT_MS : parseDuration('--timeout', flags.timeout),
  };
}

function bound(flags: FloodFlags): { requests?: number; durationMs?: number } {
  if (flags.duration !== undefined) return { durationMs: parseDuration('--duration', flags.duration) };
  if (flags.requests === undefined) return { requests: DEFAULT_REQUESTS };
  return { requests: parsePositiveInteger('--requests', flags.requests, 'a request count, e.g. --requests 2000') };
}

function parseConnections(value: string | undefined): number {
  if (value === undefined) return DEFAULT_CONNECTIONS;
  const connections = parsePositiveInteger('--connections', value, 'a number of concurrent users, e.g. --connections 50');
  if (connections > MAX_CONNECTIONS) {
    throw new FloodOptionError(`--connections ${value} is above the ceiling of ${MAX_CONNECTIONS}; use fewer connections or --rate for a fixed arrival rate.`);
  }
  return connections;
}

function parseTripIds(value: string | undefined): string[] {
  if (value === undefined) return [];
  const ids = value
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  if (ids.length === 0)
    throw new FloodOptionError(
      `--trip "${value}" names no trip; give a trip id such as --trip <id> (see bus-cli status), or omit it to book the default trip.`,
    );
  return ids;
}

function parseFraction(flag: string, value: string | undefined): number {
  if (value === undefined) return 0;
  const fraction = Number(value);
  if (value.trim() === '' || !Number.isFinite(fraction) || fraction < 0 || fraction > 1) {
    throw new FloodOptionError(`${flag} ${value} is not a fraction between 0 and 1; write e.g. ${flag} 0.05 for 5% of requests.`);
  }
  return fraction;
}

function parsePositive(flag: string, value: string, hint: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0) {
    throw new FloodOptionError(`${flag} ${value} must be a number above 0: ${hint}.`);
  }
  return number;
}

function parsePositiveInteger(flag: string, value: string, hint: string): number {
  const number = parsePositive(flag, value, hint);
  if (!Number.isInteger(number)) throw new FloodOptionError(`${flag} ${value} must be a whole number: ${hint}.`);
  return number;
}

const DURATION_UNITS_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** "30s", "500ms", "2m", "1h" or a bare number of seconds (autocannon's -d) into milliseconds. */
export function parseDuration(flag: string, value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(value);
  const ms = match ? Number(match[1]) * DURATION_UNITS_MS[match[2] ?? 's']! : NaN;
  if (!(ms >= 1)) throw new FloodOptionError(`${flag} ${value} is not a duration; write e.g. ${flag} 30s, 500ms or 2m.`);
  return Math.round(ms);
}
