import type { Clients } from '../../src/aws/clients.js';

export type Service = 'sqs' | 'dynamodb' | 's3' | 'lambda' | 'iam' | 'sts' | 'logs' | 'apigatewayv2';

/** What AWS answered, as far as a client can tell apart: the SDK error, or the output's shape and fixed values. */
export interface Expectation {
  /** The SDK error: its `name`, HTTP status, and for query-compatible SQS the `Code` (x-amzn-query-error). */
  error?: { name: string; status: number; code?: string; message?: string };
  /** The exact set of top-level output members (`$metadata` aside). */
  keys?: string[];
  /** Exact member sets of nested objects, by dotted path (`Messages.0.Attributes`). */
  nested?: Record<string, string[]>;
  /** Values that do not vary between runs, by dotted path; compared deeply. */
  values?: Record<string, unknown>;
}

/** One conformance case: an SDK call (or a few) against the embedded cloud, and what AWS answered to it. */
export interface Case {
  id: string;
  service: Service;
  /** `recorded: 'aws'`: the LocalStack parity snapshot and test id (listed in its .validation.json) it was transcribed from; `'reference'`: the API reference page. */
  source: string;
  recorded: 'aws' | 'reference';
  run(clients: Clients, ctx: CaseContext): Promise<unknown>;
  expect: Expectation;
}

/** What a case may use besides the clients: its own resource names and a few set-ups most cases need. */
export interface CaseContext {
  region: string;
  account: string;
  /** A resource name of this case's own (`cf<n>-<suffix>`), so cases never share state. */
  name(suffix?: string): string;
  /** Creates a queue of this case's own and returns its URL. */
  queue(suffix?: string, attributes?: Record<string, string>): Promise<string>;
  queueArn(url: string): Promise<string>;
  /** A table `id` (S) hash key of this case's own, ACTIVE, and its name. */
  table(suffix?: string): Promise<string>;
  /** A bucket of this case's own. */
  bucket(suffix?: string): Promise<string>;
  /** An Active nodejs22.x function of this case's own (an echo handler), and its name. */
  fn(suffix?: string): Promise<string>;
  /** An execution role Lambda may assume (shared: roles are global and read-only here). */
  role(): Promise<string>;
}

export interface CaseResult {
  case: Case;
  ok: boolean;
  /** Why it does not match AWS (empty when it does). */
  problems: string[];
  /** Differences reported only: message texts no client parses. */
  notes: string[];
}
