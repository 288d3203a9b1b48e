import { createHash } from 'node:crypto';
import type { Runtime } from '@aws-sdk/client-lambda';
import { consumerEnvironment, defaultTrips, producerEnvironment, ROUTE_KEYS, seedItems, type Item, type Trip } from '../../lambdas/domain/index.js';
import type { Outputs } from './outputs.js';
import { DEFAULT_STACK, SETTINGS, stackNames, type StackNames } from './config.js';

/** The seed's settings a resource compares against (SEED.md); the runtime is the spec's own field. */
export type StackSettings = Omit<typeof SETTINGS, 'runtime'>;

/** The environment `up` sets on each function. */
export interface FunctionEnvironments {
  producer: Record<string, string>;
  consumer: Record<string, string>;
}

/**
 * What the user chose for a stack: the rest of the spec follows from it. `up` saves it with the target
 * (src/session.ts: `stack` and `bucket` among the flags, `trips` beside them), so `status` and a later `up`
 * want what was asked for, trips included.
 */
export interface SpecChoices {
  stack?: string;
  /** The bucket's name once found (tags, --bucket, or the derived name: src/stack/bucketChoice.ts). */
  bucket?: string;
  /** The trips `up --trips` seeded; the default timetable when absent. */
  trips?: readonly Trip[];
}

/** The stack's desired state, as one typed value: every resource reads what it wants from here (`ctx.spec`). */
export interface StackSpec {
  readonly names: StackNames;
  readonly settings: StackSettings;
  /** The functions' Lambda runtime (both bundles target its Node: src/bundle). */
  readonly runtime: Runtime;
  /** The HTTP API's route keys, all integrated with the producer. */
  readonly routes: readonly string[];
  readonly trips: readonly Trip[];
  /** The items `up` writes into the table if absent: the trips, the seed's `total` item, counter shards. */
  seedItems(): Item[];
  /**
   * The env var contract between the stack and the Lambdas, for where the stack now is (`outputs` holds the
   * queue URLs and the bucket `up` ended up with). Written by the contract's own writers, which live in
   * lambdas/domain/contract.ts beside the reader's names (lambdas/lib/config.ts) because the Lambda bundles
   * must not import src/: this uses them, it does not restate them.
   */
  environment(region: string, outputs: Outputs): FunctionEnvironments;
}

/** The one place the desired state is built: from what the user chose, everything else being the seed's. */
export function stackSpec(choices: SpecChoices = {}): StackSpec {
  const names = stackNames(choices.stack ?? DEFAULT_STACK, choices.bucket);
  const { runtime, ...settings } = SETTINGS;
  const trips = choices.trips ?? defaultTrips;
  return {
    names,
    settings,
    runtime,
    routes: Object.values(ROUTE_KEYS),
    trips,
    seedItems: () => seedItems(trips),
    environment(region, outputs) {
      const shared = { region, table: names.table, queueUrl: outputs.queueUrl, dlqUrl: outputs.dlqUrl };
      return {
        producer: producerEnvironment({ ...shared, queueName: names.queue }),
        consumer: consumerEnvironment({ ...shared, bucket: outputs.bucket ?? names.bucket, maxReceiveCount: settings.maxReceiveCount }),
      };
    },
  };
}

/**
 * The trips a stack wants: those given (`up --trips`), else those the last `up` of the same stack saved with
 * the target, else the default timetable. Without this, a stack seeded from a file showed its seed as drift,
 * and a plain `up` wrote the default trips beside it.
 */
export function wantedTrips(stack: string, saved: { stack?: string; trips?: readonly Trip[] } | undefined, given?: readonly Trip[]): readonly Trip[] {
  return given ?? (((saved?.stack ?? DEFAULT_STACK) === stack && saved?.trips) || defaultTrips);
}

/** The trips worth saving with the target: none when the stack wants the default timetable. */
export const savedTrips = (spec: StackSpec): Trip[] | undefined => (spec.trips === defaultTrips ? undefined : [...spec.trips]);

/** A short digest of the desired state (names, settings, runtime, routes, trips), for `status --json`. */
export function specHash(spec: StackSpec): string {
  const { names, settings, runtime, routes, trips } = spec;
  return createHash('sha256').update(JSON.stringify({ names, settings, runtime, routes, trips })).digest('hex').slice(0, 16);
}
