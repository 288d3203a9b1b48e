import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { StackContext } from '../stack/context.js';
import { httpApi } from '../stack/resources/httpApi.js';
import { dlq, queue } from '../stack/resources/queue.js';
import { UserError } from '../errors.js';
import { BOOKING_PREFIX, bookingKey, allCounterKeys, sumCounters, scanTable, readString } from '../../lambdas/domain/index.js';
import { batchGet } from '../../lambdas/lib/batch-get.js';
import { loadCatalog } from '../../lambdas/lib/catalog.js';
import { runLoad, type LoadProgress, type LoadResult } from './load.js';
import { followDrain, type DrainProbe, type DrainSample } from './drain.js';
import { checkInvariants, endToEndLatency, FINAL_STATUSES } from './invariants.js';
import { invariantDataFromItems } from './table.js';
import { buildReport, type FloodReport, type RunEnd } from './report.js';
import { estimateCost, type CostEstimate } from './cost.js';
import { countOutcomes } from './outcomes.js';
import type { FloodOptions } from './options.js';
import { cliCommand } from '../hints.js';

const DRAIN_SAMPLE_MS = 500;
const PREFLIGHT_TIMEOUT_MS = 5_000;
const FINAL = new Set<string>(FINAL_STATUSES);

/** Where the flood goes and what it watches, found by name on the target. */
export interface FloodTarget {
  apiUrl: string;
  queueUrl: string;
  dlqUrl: string;
  tripIds: string[];
}

/** Checks before anything is sent: the stack exists, the trips exist, the API answers. */
export async function prepareFlood(ctx: StackContext, options: FloodOptions): Promise<FloodTarget> {
  const [api, q, d] = await Promise.all([httpApi.read(ctx), queue.read(ctx), dlq.read(ctx)]);
  if (!api || !q || !d)
    throw new UserError(
      `stack ${ctx.names.stack} is not deployed on this target`,
      `run \`${cliCommand('up', ctx.userFlags)}\` first (or pass the same --stack/--region/--local as up)`,
    );
  httpApi.outputs(ctx, api);
  const apiUrl = ctx.outputs.apiUrl!;
  const catalog = await loadCatalog(ctx.clients.dynamodb, ctx.names.table).catch(() => undefined);
  if (!catalog) throw new UserError(`stack ${ctx.names.stack} has no trips table yet`, `run \`${cliCommand('up', ctx.userFlags)}\` to finish it`);
  const unknown = options.plan.tripIds.filter((id) => !catalog.tripIds.includes(id));
  if (unknown.length) throw new UserError(`unknown trip ${unknown.map((u) => `'${u}'`).join(', ')}`, `use one of: ${catalog.tripIds.join(', ')}`);
  try {
    const res = await fetch(`${apiUrl}/api/trips`, { signal: AbortSignal.timeout(PREFLIGHT_TIMEOUT_MS) });
    if (res.status >= 500) throw new Error(`HTTP ${res.status}`);
  } catch (err) {
    throw new UserError(
      `the API at ${apiUrl} is unreachable (${(err as Error).message})`,
      `check \`${cliCommand('status', ctx.userFlags)}\`; run \`${cliCommand('up', ctx.userFlags)}\` to repair the stack`,
    );
  }
  return { apiUrl, queueUrl: q.url, dlqUrl: d.url, tripIds: options.plan.tripIds };
}

/** What a run is likely to cost on AWS, before it is sent. */
export function floodCost(options: FloodOptions): CostEstimate {
  const { plan } = options;
  const requests = plan.requests ?? Math.ceil(((plan.durationMs ?? 0) / 1000) * (plan.rate ?? plan.connections * 50));
  return estimateCost({ requests, seconds: (plan.durationMs ?? 60_000) / 1000 + 60 });
}

/**
 * Bookings looked up per sample while messages still wait: the oldest pending first, as the queue
 * settles them roughly in that order. Reading all of a 10k backlog every 500 ms cost the cloud about a
 * quarter of this machine's CPU, taken from the consumer it was watching.
 */
const MAX_LOOKUPS_WHILE_QUEUED = 1_000;

/** Reads queue depth, processed and how many of this run's bookings are final (only the ones not final yet are looked up). */
export function drainProbe(ctx: StackContext, target: FloodTarget, accepted: readonly string[]): () => Promise<DrainProbe> {
  const pending = new Set(accepted);
  let finalCount = 0;
  const depth = async (QueueUrl: string) => {
    const { Attributes: a = {} } = await ctx.clients.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
    );
    return { visible: Number(a.ApproximateNumberOfMessages ?? 0), inFlight: Number(a.ApproximateNumberOfMessagesNotVisible ?? 0) };
  };
  return async () => {
    const [q, d, counters] = await Promise.all([
      depth(target.queueUrl),
      depth(target.dlqUrl),
      batchGet(ctx.clients.dynamodb, ctx.names.table, allCounterKeys()),
    ]);
    // Once nothing waits or is in flight, every pending booking is read: the drain ends on exact counts.
    const settling = q.visible + q.inFlight > 0;
    const lookups = settling ? [...pending].slice(0, MAX_LOOKUPS_WHILE_QUEUED) : [...pending];
    const bookings = await batchGet(ctx.clients.dynamodb, ctx.names.table, lookups.map(bookingKey));
    for (const b of bookings) {
      const status = readString(b, 'status') ?? '';
      const id = readString(b, 'requestId') ?? (readString(b, 'id') ?? '').slice(BOOKING_PREFIX.length);
      if (FINAL.has(status) && pending.delete(id)) finalCount += 1;
    }
    return { queueDepth: q.visible, inFlight: q.inFlight, dlqDepth: d.visible + d.inFlight, processed: sumCounters(counters).processed, finalCount };
  };
}

export interface FloodHooks {
  onLoad?(progress: LoadProgress): void;
  onDrain?(sample: DrainSample, expectedFinal: number): void;
  signal?: AbortSignal;
}

/**
 * A whole run: send, follow the queue until every accepted booking is final, recount the table and
 * check the invariants. Returns the report object (writing it and printing are the caller's). A target
 * that stops answering ends the run there, with a report marked aborted: nothing more can be read.
 */
export async function floodStack(
  ctx: StackContext,
  target: FloodTarget,
  options: FloodOptions,
  hooks: FloodHooks = {},
  cost?: CostEstimate,
): Promise<{ report: FloodReport; load: LoadResult }> {
  const load = await runLoad({ ...options.plan, apiUrl: target.apiUrl, signal: hooks.signal }, hooks.onLoad);
  const aborted = (atMs: number, reason: string) => ({ state: 'aborted', atMs, reason }) as const;
  if (load.stop?.kind === 'target-lost')
    return { report: buildReport({ apiUrl: target.apiUrl, load, cost, end: aborted(load.stop.atMs, load.stop.reason) }), load };
  const accepted = load.accepted.map((a) => a.requestId);
  const drainStartedAt = Date.now();
  const drain = await followDrain(
    drainProbe(ctx, target, accepted),
    { timeoutMs: options.drainTimeoutMs, intervalMs: DRAIN_SAMPLE_MS, expectedFinal: accepted.length },
    (sample) => hooks.onDrain?.(sample, accepted.length),
  );
  if (drain.targetLost) {
    const atMs = drainStartedAt - load.startedAt + drain.targetLost.atMs;
    return { report: buildReport({ apiUrl: target.apiUrl, load, drain, cost, end: aborted(atMs, drain.targetLost.reason) }), load };
  }
  const data = invariantDataFromItems(await scanTable(ctx.clients.dynamodb, ctx.names.table));
  const invariants = checkInvariants({ ...data, accepted: load.accepted, duplicates: load.duplicates, invalid: load.invalid });
  const endToEnd = endToEndLatency(data.bookings, load.accepted);
  const outcomes = countOutcomes(data.bookings, load.accepted);
  const end: RunEnd =
    load.stop?.kind === 'interrupted' ? { state: 'interrupted', sent: load.counts.sent, planned: options.plan.requests } : { state: 'completed' };
  return { report: buildReport({ apiUrl: target.apiUrl, load, drain, outcomes, endToEnd, invariants, cost, end }), load };
}
