import type { Drift } from './drift.js';
import type { Clients } from '../aws/clients.js';
import type { StackNames } from './config.js';
import type { FunctionBundle } from '../bundle/index.js';
import type { BucketSource } from './bucketChoice.js';
import type { Outputs } from './outputs.js';
import type { StackSpec } from './spec.js';
import type { TargetFlags } from '../target/flags.js';

/** Where the stack runs: the embedded cloud, LocalStack, or AWS (possibly behind a custom endpoint). */
export type TargetKind = 'embedded' | 'localstack' | 'aws';

export interface StackTarget {
  kind: TargetKind;
  region: string;
  endpoint?: string;
  /** Where API Gateway v2 lives when not at `endpoint`: the embedded front for LocalStack's free image. */
  apigwEndpoint?: string;
}

export interface StackContext {
  clients: Clients;
  target: StackTarget;
  /** The desired state (src/stack/spec.ts): names, settings, runtime, routes, trips, the functions' environment. */
  spec: StackSpec;
  /**
   * `spec.names`, read through (a getter in openStack, so there is one source). Kept because about 130 lines
   * (the resources, the CLI, the tests) read `ctx.names`, and a test derives a context with other names by
   * spreading `{ ...ctx, names }`: the resources take their names from here, everything else from `spec`.
   */
  readonly names: StackNames;
  /** How names.bucket was found; `up` may only fall back to another name when it derived this one. */
  bucketSource: BucketSource;
  tags: Record<string, string>;
  account: string;
  outputs: Outputs;
  /** The Lambda zips, content-hashed (built before planning: no AWS side effects). */
  code: { producer: FunctionBundle; consumer: FunctionBundle };
  /** Extra function environment (e.g. fault injection for tests), merged over the seed's env vars. */
  extraEnv: { producer: Record<string, string>; consumer: Record<string, string> };
  /** Lines the command prints once at the end (e.g. the bucket name `up` had to fall back to). */
  notices: string[];
  /** The target flags the user gave, repeated in every "what to do" line (see cliCommand). */
  userFlags: TargetFlags;
  /** Says what a long step is waiting for (spinner text). */
  progress(message: string): void;
}

/** What a resource is like now, as far as `up` cares; undefined when it does not exist. */
export interface Resource<Current> {
  /** Unique step id, e.g. `queue`, `function:producer`. */
  readonly id: string;
  /** Steps that must be applied first. */
  readonly after: readonly string[];
  /** The AWS name shown to the user. */
  name(ctx: StackContext): string;
  read(ctx: StackContext): Promise<Current | undefined>;
  /** Why the resource differs from what `up` wants; empty when it does not. */
  diff(ctx: StackContext, current: Current | undefined): Drift[];
  /** Creates or updates the resource; `current` is what read() saw just before. */
  apply(ctx: StackContext, current: Current | undefined, reasons: Drift[]): Promise<void>;
  /** Records outputs (ARNs, URLs) of an existing resource, so later steps can use them. */
  outputs(ctx: StackContext, current: Current): void;
  /** Deletes it (and what only it holds, e.g. a bucket's objects); false when there was nothing to delete. */
  destroy(ctx: StackContext): Promise<boolean>;
  /** One line of detail for `status`. */
  describe(ctx: StackContext, current: Current): string;
}
