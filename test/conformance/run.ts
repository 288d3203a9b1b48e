import { isDeepStrictEqual } from 'node:util';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { CreateTableCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { CreateFunctionCommand, waitUntilFunctionActiveV2 } from '@aws-sdk/client-lambda';
import { ACCOUNT_ID } from '../../src/localcloud/core/constants.js';
import { createExecutionRole, zipOf } from '../../src/localcloud/services/lambda/fixtures.js';
import { startTestCloud, type TestCloud } from '../helpers/cloud.js';
import type { Case, CaseContext, CaseResult, Expectation } from './types.js';
import { ALL_CASES } from './cases/index.js';

/** Cases run this many at a time: enough to overlap waits, few enough for a 2-core machine. */
const CONCURRENCY = 4;
const ECHO = { 'index.mjs': 'export const handler = async (event) => event;' };

/** Runs every case (or `cases`) against one embedded cloud, strict as AWS is, and compares each answer with AWS's. */
export async function runConformance(cases: readonly Case[] = ALL_CASES): Promise<CaseResult[]> {
  // Strict (AWS's behaviour) without the waits that only make the CLI's waiting code necessary.
  const t = await startTestCloud({
    strict: true,
    timings: { rolePropagationMs: 0, functionUpdateMs: 0, mappingTransitionMs: 0, tableTransitionMs: 0 },
  });
  try {
    const results: CaseResult[] = new Array(cases.length);
    // One execution role for every function (roles are global, and no case changes it), allowed what a mapping needs.
    const role = once(() => createExecutionRole(t, 'conformance-role', ['logs:*', 'sqs:*']));
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < cases.length; i = next++) results[i] = await runCase(cases[i], t, contextFor(t, i, role));
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return results;
  } finally {
    await t.stop();
  }
}

const once = <T>(make: () => Promise<T>) => {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
};

function contextFor(t: TestCloud, index: number, role: () => Promise<string>): CaseContext {
  const { clients } = t;
  const name = (suffix = 'r') => `cf${index}-${suffix}`;
  const ctx: CaseContext = {
    region: t.region,
    account: ACCOUNT_ID,
    name,
    async queue(suffix = 'q', attributes) {
      return (await clients.sqs.send(new CreateQueueCommand({ QueueName: name(suffix), Attributes: attributes }))).QueueUrl!;
    },
    async queueArn(url) {
      const out = await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
      return out.Attributes!.QueueArn!;
    },
    async table(suffix = 't') {
      const TableName = name(suffix);
      await clients.dynamodb.send(
        new CreateTableCommand({
          TableName,
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      await waitUntilTableExists({ client: clients.dynamodb, maxWaitTime: 20, minDelay: 1 }, { TableName });
      return TableName;
    },
    async bucket(suffix = 'b') {
      const Bucket = name(suffix);
      await clients.s3.send(new CreateBucketCommand({ Bucket, CreateBucketConfiguration: { LocationConstraint: t.region as 'ap-northeast-2' } }));
      return Bucket;
    },
    role,
    async fn(suffix = 'f') {
      const FunctionName = name(suffix);
      await clients.lambda.send(
        new CreateFunctionCommand({ FunctionName, Runtime: 'nodejs22.x', Handler: 'index.handler', Role: await ctx.role(), Code: { ZipFile: zipOf(ECHO) } }),
      );
      await waitUntilFunctionActiveV2({ client: clients.lambda, maxWaitTime: 20, minDelay: 1 }, { FunctionName });
      return FunctionName;
    },
  };
  return ctx;
}

async function runCase(c: Case, t: TestCloud, ctx: CaseContext): Promise<CaseResult> {
  const problems: string[] = [];
  const notes: string[] = [];
  let output: unknown;
  let error: unknown;
  try {
    output = await c.run(t.clients, ctx);
  } catch (err) {
    error = err;
  }
  compare(c.expect, output, error, problems, notes);
  return { case: c, ok: problems.length === 0, problems, notes };
}

interface SdkError {
  name?: string;
  message?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
}

function compare(expect: Expectation, output: unknown, error: unknown, problems: string[], notes: string[]) {
  const e = error as SdkError | undefined;
  if (expect.error) {
    if (!error) return void problems.push(`expected ${expect.error.name} (${expect.error.status}), got success`);
    if (e?.name !== expect.error.name) problems.push(`error name ${e?.name}, AWS ${expect.error.name}`);
    if (e?.$metadata?.httpStatusCode !== expect.error.status) problems.push(`HTTP ${e?.$metadata?.httpStatusCode}, AWS ${expect.error.status}`);
    if (expect.error.code !== undefined && e?.Code !== expect.error.code) problems.push(`Code ${e?.Code}, AWS ${expect.error.code}`);
    if (expect.error.message !== undefined && e?.message !== expect.error.message) notes.push(`message "${e?.message}", AWS "${expect.error.message}"`);
    return;
  }
  if (error) return void problems.push(`expected success, got ${e?.name ?? 'error'} (${e?.$metadata?.httpStatusCode}): ${e?.message ?? String(error)}`);
  if (expect.keys) sameKeys('output', output, expect.keys, problems);
  for (const [path, keys] of Object.entries(expect.nested ?? {})) sameKeys(path, at(output, path), keys, problems);
  for (const [path, value] of Object.entries(expect.values ?? {})) {
    const actual = at(output, path);
    if (!isDeepStrictEqual(actual, value)) problems.push(`${path} = ${JSON.stringify(actual)}, AWS ${JSON.stringify(value)}`);
  }
}

function sameKeys(where: string, value: unknown, expected: readonly string[], problems: string[]) {
  const actual =
    value && typeof value === 'object' ? Object.keys(value).filter((k) => k !== '$metadata' && (value as Record<string, unknown>)[k] !== undefined) : [];
  const missing = expected.filter((k) => !actual.includes(k));
  const extra = actual.filter((k) => !expected.includes(k));
  if (missing.length) problems.push(`${where} lacks ${missing.join(', ')}`);
  if (extra.length) problems.push(`${where} has ${extra.join(', ')}, which AWS does not return`);
}

/** The value at a dotted path (`Messages.0.Attributes`). */
const at = (value: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), value);
