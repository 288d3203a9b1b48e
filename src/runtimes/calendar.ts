/**
 * AWS Lambda's runtime calendar: for each runtime id, the day AWS deprecates it, the day it stops
 * creating functions with it and the day it stops updating them (each blocked from 00:00 UTC that day).
 * The stack (its drift line) and the embedded cloud (CreateFunction and the updates it refuses by date)
 * both read this one table.
 *
 * Source: AWS Lambda Developer Guide, "Lambda runtimes" (lambda-runtimes.html, "Supported runtimes" and
 * "Deprecated runtimes"), the tables as scraped from the page on 2026-04-04 (terraform-linters/tflint-ruleset-aws,
 * rules/lambda_deprecated_runtime/deprecated_runtimes.json, commit 33665676), plus ruby4.0 from the 2026-07-31
 * scrape (e439f77b). Between those two scrapes, in June 2026, the page moved one group (nodejs16-20.x,
 * python3.8/3.9/3.10, ruby3.2, dotnet6/8, provided.al2, and the update block of the older ones) to
 * 2027-02-01 / 2027-03-03. Checked against AWS on 2026-12-07, nodejs20.x is deprecated 2026-04-30 and refused
 * at create since 2026-08-31 and at update since 2026-09-30: the April dates, so the April table stands.
 * Container-image-only runtimes (dotnet5.0, dotnet7, dotnet9) have no block dates and are left out.
 */
export interface RuntimeDates {
  deprecation: string;
  blockCreate: string;
  blockUpdate: string;
}

export const RUNTIME_CALENDAR: Record<string, RuntimeDates> = {
  nodejs: { deprecation: '2016-08-30', blockCreate: '2016-09-30', blockUpdate: '2016-10-31' },
  'nodejs4.3': { deprecation: '2020-03-05', blockCreate: '2020-02-03', blockUpdate: '2020-03-05' },
  'nodejs6.10': { deprecation: '2019-08-12', blockCreate: '2019-07-12', blockUpdate: '2019-08-12' },
  'nodejs8.10': { deprecation: '2020-03-06', blockCreate: '2020-02-04', blockUpdate: '2020-03-06' },
  'nodejs10.x': { deprecation: '2021-07-30', blockCreate: '2021-07-30', blockUpdate: '2022-02-14' },
  'nodejs12.x': { deprecation: '2023-03-31', blockCreate: '2023-03-31', blockUpdate: '2023-04-30' },
  'nodejs14.x': { deprecation: '2023-12-04', blockCreate: '2024-01-09', blockUpdate: '2026-09-30' },
  'nodejs16.x': { deprecation: '2024-06-12', blockCreate: '2026-08-31', blockUpdate: '2026-09-30' },
  'nodejs18.x': { deprecation: '2025-09-01', blockCreate: '2026-08-31', blockUpdate: '2026-09-30' },
  'nodejs20.x': { deprecation: '2026-04-30', blockCreate: '2026-08-31', blockUpdate: '2026-09-30' },
  'nodejs22.x': { deprecation: '2027-04-30', blockCreate: '2027-06-01', blockUpdate: '2027-07-01' },
  'nodejs24.x': { deprecation: '2028-04-30', blockCreate: '2028-06-01', blockUpdate: '2028-07-01' },
  java8: { deprecation: '2024-01-08', blockCreate: '2024-02-08', blockUpdate: '2026-09-30' },
  'java8.al2': { deprecation: '2027-06-30', blockCreate: '2027-07-31', blockUpdate: '2027-08-31' },
  java11: { deprecation: '2027-06-30', blockCreate: '2027-07-31', blockUpdate: '2027-08-31' },
  java17: { deprecation: '2027-06-30', blockCreate: '2027-07-31', blockUpdate: '2027-08-31' },
  java21: { deprecation: '2029-06-30', blockCreate: '2029-07-31', blockUpdate: '2029-08-31' },
  java25: { deprecation: '2029-06-30', blockCreate: '2029-07-31', blockUpdate: '2029-08-31' },
  'python2.7': { deprecation: '2021-07-15', blockCreate: '2021-07-15', blockUpdate: '2022-05-30' },
  'python3.6': { deprecation: '2022-07-18', blockCreate: '2022-07-18', blockUpdate: '2022-08-29' },
  'python3.7': { deprecation: '2023-12-04', blockCreate: '2024-01-09', blockUpdate: '2026-09-30' },
  'python3.8': { deprecation: '2024-10-14', blockCreate: '2026-08-31', blockUpdate: '2026-09-30' },
  'python3.9': { deprecation: '2025-12-15', blockCreate: '2026-08-31', blockUpdate: '2026-09-30' },
  'python3.10': { deprecation: '2026-10-31', blockCreate: '2026-11-30', blockUpdate: '2027-01-15' },
  'python3.11': { deprecation: '2027-06-30', blockCreate: '2027-07-31', blockUpdate: '2027-08-31' },
  'python3.12': { deprecation: '2028-10-31', blockCreate: '2028-11-30', blockUpdate: '2029-01-10' },
  'python3.13': { deprecation: '2029-06-30', blockCreate: '2029-07-31', blockUpdate: '2029-08-31' },
  'python3.14': { deprecation: '2029-06-30', blockCreate: '2029-07-31', blockUpdate: '2029-08-31' },
  'dotnetcore1.0': { deprecation: '2019-06-27', blockCreate: '2019-06-30', blockUpdate: '2019-07-30' },
  'dotnetcore2.0': { deprecation: '2019-05-30', blockCreate: '2019-04-30', blockUpdate: '2019-05-30' },
  'dotnetcore2.1': { deprecation: '2022-01-05', blockCreate: '2022-01-05', blockUpdate: '2022-04-13' },
  'dotnetcore3.1': { deprecation: '2023-04-03', blockCreate: '2023-04-03', blockUpdate: '2023-05-03' },
  dotnet6: { deprecation: '2024-12-20', blockCreate: '2026-08-31', blockUpdate: '2026-09-30' },
  dotnet8: { deprecation: '2026-11-10', blockCreate: '2026-12-10', blockUpdate: '2027-01-11' },
  dotnet10: { deprecation: '2028-11-14', blockCreate: '2028-12-14', blockUpdate: '2029-01-15' },
  'nodejs4.3-edge': { deprecation: '2020-03-05', blockCreate: '2019-03-31', blockUpdate: '2019-04-30' },
  'go1.x': { deprecation: '2024-01-08', blockCreate: '2024-02-08', blockUpdate: '2026-09-30' },
  'ruby2.5': { deprecation: '2021-07-30', blockCreate: '2021-07-30', blockUpdate: '2022-03-31' },
  'ruby2.7': { deprecation: '2023-12-07', blockCreate: '2024-01-09', blockUpdate: '2026-09-30' },
  'ruby3.2': { deprecation: '2026-03-31', blockCreate: '2026-08-31', blockUpdate: '2026-09-30' },
  'ruby3.3': { deprecation: '2027-03-31', blockCreate: '2027-04-30', blockUpdate: '2027-05-31' },
  'ruby3.4': { deprecation: '2028-03-31', blockCreate: '2028-04-30', blockUpdate: '2028-05-31' },
  'ruby4.0': { deprecation: '2029-03-31', blockCreate: '2029-04-30', blockUpdate: '2029-05-31' },
  provided: { deprecation: '2024-01-08', blockCreate: '2024-02-08', blockUpdate: '2026-09-30' },
  'provided.al2': { deprecation: '2026-07-31', blockCreate: '2026-08-31', blockUpdate: '2026-09-30' },
  'provided.al2023': { deprecation: '2029-06-30', blockCreate: '2029-07-31', blockUpdate: '2029-08-31' },
};

export type RuntimePhase = 'supported' | 'deprecated' | 'create-blocked' | 'update-blocked';

const utcDay = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** Where `runtime` stands on `now`; undefined for an id AWS has no calendar entry for (not a runtime it runs). */
export function runtimePhase(runtime: string, now: Date): RuntimePhase | undefined {
  const dates = RUNTIME_CALENDAR[runtime];
  if (!dates) return undefined;
  const t = now.getTime();
  if (t >= utcDay(dates.blockUpdate)) return 'update-blocked';
  if (t >= utcDay(dates.blockCreate)) return 'create-blocked';
  if (t >= utcDay(dates.deprecation)) return 'deprecated';
  return 'supported';
}

/** True while AWS still creates functions with `runtime` (supported, or deprecated but not yet blocked). */
export const isCreatable = (runtime: string, now: Date) => ['supported', 'deprecated'].includes(runtimePhase(runtime, now) ?? '');

/** The runtimes AWS still creates functions with on `now`, in the calendar's order. */
export const creatableRuntimes = (now: Date) => Object.keys(RUNTIME_CALENDAR).filter((id) => isCreatable(id, now));

/** The Node.js runtimes AWS still creates functions with on `now`, oldest first. */
export const creatableNodeRuntimes = (now: Date) =>
  creatableRuntimes(now)
    .filter((id) => nodeMajorOf(id) !== undefined)
    .sort((a, b) => nodeMajorOf(a)! - nodeMajorOf(b)!);

/** `nodejs24.x` -> 24; undefined for a runtime that is not Node. */
export function nodeMajorOf(runtime: string): number | undefined {
  const m = /^nodejs(\d+)\.x$/.exec(runtime);
  return m ? Number(m[1]) : undefined;
}

/** The esbuild target of a Node runtime's bundle: `node24` for nodejs24.x. */
export function esbuildTargetOf(runtime: string): string {
  const major = nodeMajorOf(runtime);
  if (major === undefined) throw new Error(`${runtime} is not a Node.js runtime`);
  return `node${major}`;
}
