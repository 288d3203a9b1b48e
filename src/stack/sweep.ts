import { DeleteLogGroupCommand, paginateDescribeLogGroups } from '@aws-sdk/client-cloudwatch-logs';
import { ListTagsOfResourceCommand, paginateListTables } from '@aws-sdk/client-dynamodb';
import { GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { ListRoleTagsCommand, paginateListRoles } from '@aws-sdk/client-iam';
import { ListTagsCommand, paginateListEventSourceMappings, paginateListFunctions } from '@aws-sdk/client-lambda';
import { DeleteQueueCommand, ListQueueTagsCommand, paginateListQueues } from '@aws-sdk/client-sqs';
import type { StackContext } from './context.js';
import { mapLimit } from './concurrency.js';
import { ownedBuckets } from './bucketChoice.js';
import { trustsLambda } from './policies.js';
import { doneUnlessNotFound, unlessNotFound } from './retry.js';
import { deleteBucket } from './resources/bucket.js';
import { deleteFunction } from './resources/functions.js';
import { deleteApi } from './resources/httpApi.js';
import { deleteMapping } from './resources/mapping.js';
import { deleteRole } from './resources/roles.js';
import { deleteTable } from './resources/table.js';
import { fromTagList, missingTags } from './resources/tags.js';

/** Tag reads in flight per service: listing a big account must not trip its API rate limits. */
const TAG_READS_IN_FLIGHT = 8;

export type SweepKind = 'mapping' | 'http-api' | 'function' | 'queue' | 'table' | 'bucket' | 'role' | 'log-group';

/** Deletion order: whatever uses a resource goes before it (a mapping before its function, a function before its log group). */
export const SWEEP_ORDER: readonly SweepKind[] = ['mapping', 'http-api', 'function', 'queue', 'table', 'bucket', 'role', 'log-group'];

/** The kind of a step of RESOURCES (the seed items and the site go with their table and bucket). */
export function stepKind(stepId: string): SweepKind | undefined {
  const kind = stepId === 'dlq' ? 'queue' : stepId.split(':')[0];
  return (SWEEP_ORDER as readonly string[]).includes(kind) ? (kind as SweepKind) : undefined;
}

export const inSweepOrder = (items: Tagged[]) => [...items].sort((a, b) => SWEEP_ORDER.indexOf(a.kind) - SWEEP_ORDER.indexOf(b.kind));

/** A resource carrying this stack's tags (or belonging to one that does: a mapping, a function's log group). */
export interface Tagged {
  kind: SweepKind;
  /** The name shown to the user (a mapping: `<queue> -> <function>`). */
  name: string;
  /** What the delete call takes: queue URL, API id or mapping UUID; the name otherwise. */
  ref: string;
}

const queueNameOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);
const lastSegment = (arn: string) => arn.slice(arn.lastIndexOf(':') + 1);

async function collect<P, T>(pages: AsyncIterable<P>, items: (page: P) => T[] | undefined): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...(items(page) ?? []));
  return all;
}

/** Keeps the items whose tags (read with `tagsOf`, a few at a time) carry this stack's. */
async function withStackTags<T>(ctx: StackContext, items: T[], tagsOf: (item: T) => Promise<Record<string, string> | undefined>): Promise<T[]> {
  // Deleted while we listed: no tags.
  const tags = await mapLimit(items, TAG_READS_IN_FLIGHT, (item) => unlessNotFound(() => tagsOf(item)));
  return items.filter((_, i) => missingTags(tags[i], ctx.tags).length === 0);
}

async function taggedBuckets(ctx: StackContext): Promise<Tagged[]> {
  const owned = await ownedBuckets(ctx.clients.s3, ctx.target.region);
  return owned.filter((b) => missingTags(b.tags, ctx.tags).length === 0).map((b) => ({ kind: 'bucket', name: b.name, ref: b.name }));
}

async function taggedTables(ctx: StackContext): Promise<Tagged[]> {
  const ddb = ctx.clients.dynamodb;
  const names = await collect(paginateListTables({ client: ddb }, {}), (p) => p.TableNames);
  const arn = (name: string) => `arn:aws:dynamodb:${ctx.target.region}:${ctx.account}:table/${name}`;
  const tagged = await withStackTags(ctx, names, async (name) => fromTagList((await ddb.send(new ListTagsOfResourceCommand({ ResourceArn: arn(name) }))).Tags));
  return tagged.map((name) => ({ kind: 'table', name, ref: name }));
}

async function taggedQueues(ctx: StackContext): Promise<Tagged[]> {
  const sqs = ctx.clients.sqs;
  const urls = await collect(paginateListQueues({ client: sqs }, {}), (p) => p.QueueUrls);
  const tagged = await withStackTags(ctx, urls, async (QueueUrl) => (await sqs.send(new ListQueueTagsCommand({ QueueUrl }))).Tags);
  return tagged.map((url) => ({ kind: 'queue', name: queueNameOf(url), ref: url }));
}

async function taggedFunctions(ctx: StackContext) {
  const lambda = ctx.clients.lambda;
  const functions = await collect(paginateListFunctions({ client: lambda }, {}), (p) => p.Functions);
  return withStackTags(ctx, functions, async (fn) => (await lambda.send(new ListTagsCommand({ Resource: fn.FunctionArn }))).Tags);
}

async function taggedApis(ctx: StackContext): Promise<Tagged[]> {
  const found: Tagged[] = [];
  let NextToken: string | undefined;
  do {
    const page = await ctx.clients.apigw.send(new GetApisCommand({ NextToken }));
    for (const api of page.Items ?? [])
      if (missingTags(api.Tags, ctx.tags).length === 0) found.push({ kind: 'http-api', name: api.Name ?? api.ApiId!, ref: api.ApiId! });
    NextToken = page.NextToken;
  } while (NextToken);
  return found;
}

/** Only roles Lambda may assume can be a function's role: the others' tags are not worth a call each. */
async function taggedRoles(ctx: StackContext): Promise<Tagged[]> {
  const iam = ctx.clients.iam;
  const roles = await collect(paginateListRoles({ client: iam }, {}), (p) => p.Roles);
  const candidates = roles.filter((r) => r.AssumeRolePolicyDocument && trustsLambda(JSON.parse(decodeURIComponent(r.AssumeRolePolicyDocument))));
  const tagged = await withStackTags(ctx, candidates, async (r) => fromTagList((await iam.send(new ListRoleTagsCommand({ RoleName: r.RoleName }))).Tags));
  return tagged.map((r) => ({ kind: 'role', name: r.RoleName!, ref: r.RoleName! }));
}

/** Mappings that feed a function of the stack or read one of its queues. */
async function stackMappings(ctx: StackContext, functionArns: Set<string>, queueNames: Set<string>): Promise<Tagged[]> {
  const all = await collect(paginateListEventSourceMappings({ client: ctx.clients.lambda }, {}), (p) => p.EventSourceMappings);
  return all
    .filter((m) => functionArns.has(m.FunctionArn ?? '') || queueNames.has(lastSegment(m.EventSourceArn ?? '')))
    .map((m) => ({ kind: 'mapping', name: `${lastSegment(m.EventSourceArn ?? '')} -> ${lastSegment(m.FunctionArn ?? '')}`, ref: m.UUID! }));
}

/** The log groups Lambda made for the stack's functions (Lambda does not tag them). */
async function functionLogGroups(ctx: StackContext, functionNames: string[]): Promise<Tagged[]> {
  const groups = await mapLimit(functionNames, TAG_READS_IN_FLIGHT, async (fn) => {
    const name = `/aws/lambda/${fn}`;
    const found = await collect(paginateDescribeLogGroups({ client: ctx.clients.logs }, { logGroupNamePrefix: name }), (p) => p.logGroups);
    return found.some((g) => g.logGroupName === name) ? [{ kind: 'log-group' as const, name, ref: name }] : [];
  });
  return groups.flat();
}

/**
 * Everything in the account and region that carries this stack's tags, by listing each service:
 * what `up` made and what was added or renamed by hand, plus the mappings and log groups that go with them.
 */
export async function findTagged(ctx: StackContext): Promise<Tagged[]> {
  const [buckets, tables, queues, functions, apis, roles] = await Promise.all([
    taggedBuckets(ctx),
    taggedTables(ctx),
    taggedQueues(ctx),
    taggedFunctions(ctx),
    taggedApis(ctx),
    taggedRoles(ctx),
  ]);
  const functionNames = [...new Set([ctx.names.producer, ctx.names.consumer, ...functions.map((f) => f.FunctionName!)])];
  const [mappings, logGroups] = await Promise.all([
    stackMappings(ctx, new Set(functions.map((f) => f.FunctionArn!)), new Set(queues.map((q) => q.name))),
    functionLogGroups(ctx, functionNames),
  ]);
  const fns: Tagged[] = functions.map((f) => ({ kind: 'function', name: f.FunctionName!, ref: f.FunctionName! }));
  return inSweepOrder([...mappings, ...apis, ...fns, ...queues, ...tables, ...buckets, ...roles, ...logGroups]);
}

const DELETE: Record<SweepKind, (ctx: StackContext, ref: string) => Promise<boolean>> = {
  mapping: (ctx, UUID) => doneUnlessNotFound(() => deleteMapping(ctx, { UUID })),
  'http-api': (ctx, id) => doneUnlessNotFound(() => deleteApi(ctx, id)),
  function: deleteFunction,
  queue: (ctx, QueueUrl) => doneUnlessNotFound(() => ctx.clients.sqs.send(new DeleteQueueCommand({ QueueUrl }))),
  table: deleteTable,
  bucket: deleteBucket,
  role: (ctx, name) => deleteRole(ctx.clients.iam, name),
  'log-group': (ctx, logGroupName) => doneUnlessNotFound(() => ctx.clients.logs.send(new DeleteLogGroupCommand({ logGroupName }))),
};

/** Deletes what `findTagged` found, in SWEEP_ORDER; what is already gone counts as not existing. */
export async function deleteTagged(ctx: StackContext, items: Tagged[], deleted: (item: Tagged, existed: boolean) => void): Promise<void> {
  for (const item of inSweepOrder(items)) {
    ctx.progress(`deleting ${item.kind} ${item.name}`);
    deleted(item, await DELETE[item.kind](ctx, item.ref));
  }
}
