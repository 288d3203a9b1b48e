import { driftTexts, type DriftCode } from './drift.js';
import type { StackContext, StackTarget } from './context.js';
import { plan } from './plan.js';
import { RESOURCES } from './resources/index.js';
import { queueDepth, type QueueDepth, type QueueState } from './resources/queue.js';
import { cliCommand } from '../hints.js';
import { specHash } from './spec.js';

export interface ResourceStatus {
  id: string;
  name: string;
  state: 'ok' | 'drift' | 'missing';
  /** Why it differs from what `up` wants (drift only), as printed. */
  drift: string[];
  /** The same, as codes (`status --json` readers branch on these). */
  driftCodes: DriftCode[];
  detail: string;
}

export interface StackStatus {
  stack: string;
  target: StackTarget;
  /** What the state was compared against (src/stack/spec.ts): its digest, and how many trips it seeds. */
  spec: { hash: string; trips: number };
  resources: ResourceStatus[];
  urls: { page?: string; api?: string; stats?: string };
  /** Messages in the queue and in its dead-letter queue (absent when a queue does not exist). */
  depth: { queue?: QueueDepth; dlq?: QueueDepth };
  summary: string;
}

/** What exists, how it drifted from what `up` wants, and the URLs — read-only. */
export async function stackStatus(ctx: StackContext): Promise<StackStatus> {
  const p = await plan(ctx);
  const resources = p.changes.map((c): ResourceStatus => {
    const resource = RESOURCES.find((r) => r.id === c.id)!;
    const state = c.action === 'create' ? 'missing' : c.action === 'update' ? 'drift' : 'ok';
    return {
      id: c.id,
      name: c.name,
      state,
      drift: state === 'drift' ? driftTexts(c.reasons) : [],
      driftCodes: state === 'drift' ? c.reasons.map((r) => r.code) : [],
      detail: c.current === undefined ? '' : resource.describe(ctx, c.current),
    };
  });
  const count = (s: ResourceStatus['state']) => resources.filter((r) => r.state === s).length;
  const missing = count('missing');
  const summary =
    missing === resources.length
      ? `no resources: run \`${cliCommand('up', ctx.userFlags)}\``
      : `${count('ok')} ok, ${count('drift')} drifted, ${missing} missing${count('drift') + missing ? ` — \`${cliCommand('up', ctx.userFlags)}\` repairs it` : ''}`;
  const exists = missing < resources.length;
  const depthOf = (id: string) => {
    const current = p.changes.find((c) => c.id === id)?.current as QueueState | undefined;
    return current && queueDepth(current);
  };
  return {
    stack: ctx.names.stack,
    target: ctx.target,
    spec: { hash: specHash(ctx.spec), trips: ctx.spec.trips.length },
    resources,
    urls: exists ? { page: ctx.outputs.websiteUrl, api: ctx.outputs.apiUrl, stats: ctx.outputs.statsUrl } : {},
    depth: { queue: depthOf('queue'), dlq: depthOf('dlq') },
    summary,
  };
}
