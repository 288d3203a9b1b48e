import { drift, hasDrift, type Drift } from '../drift.js';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  GetBucketCorsCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetBucketWebsiteCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  ListObjectVersionsCommand,
  ListObjectsV2Command,
  PutBucketCorsCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutBucketWebsiteCommand,
  PutPublicAccessBlockCommand,
  type CORSRule,
  type ObjectIdentifier,
  type PublicAccessBlockConfiguration,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { Resource, StackContext } from '../context.js';
import { accountBucketName, takenNotice } from '../bucketChoice.js';
import { UserError } from '../../errors.js';
import { samePolicy } from '../policies.js';
import { doneUnlessNotFound, errorName, isNotFound, retry } from '../retry.js';
import { websiteUrl, statsUrl } from '../urls.js';
import { fromTagList, missingTags, toTagList } from './tags.js';

interface BucketState {
  policy?: unknown;
  cors?: CORSRule[];
  indexDocument?: string;
  publicAccessBlock?: PublicAccessBlockConfiguration;
  tags: Record<string, string>;
}

/** Error codes S3 uses for "this bucket has no such configuration". */
const ABSENT = new Set([
  'NoSuchBucketPolicy',
  'NoSuchCORSConfiguration',
  'NoSuchWebsiteConfiguration',
  'NoSuchPublicAccessBlockConfiguration',
  'NoSuchTagSet',
  'NoSuchTagSetError',
]);
const DELETE_BATCH = 1000;

const bucketName = (ctx: StackContext) => ctx.outputs.bucket ?? ctx.names.bucket;

export const publicReadPolicy = (bucket: string) => ({
  Version: '2012-10-17',
  Statement: [{ Sid: 'PublicReadGetObject', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` }],
});

const WANTED_CORS: CORSRule[] = [{ AllowedOrigins: ['*'], AllowedMethods: ['GET'], AllowedHeaders: ['*'], ExposeHeaders: ['ETag'] }];
const OPEN_ACCESS: PublicAccessBlockConfiguration = { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false };

async function optional<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (err) {
    if (ABSENT.has(errorName(err))) return undefined;
    throw err;
  }
}

const sameCors = (a: CORSRule[] | undefined) =>
  JSON.stringify((a ?? []).map((r) => [r.AllowedOrigins, r.AllowedMethods, r.AllowedHeaders, r.ExposeHeaders])) ===
  JSON.stringify(WANTED_CORS.map((r) => [r.AllowedOrigins, r.AllowedMethods, r.AllowedHeaders, r.ExposeHeaders]));

const isOpen = (pab: PublicAccessBlockConfiguration | undefined) =>
  !pab || (!pab.BlockPublicAcls && !pab.IgnorePublicAcls && !pab.BlockPublicPolicy && !pab.RestrictPublicBuckets);

/** Deletes every object version and delete marker (versioned buckets), then every plain object. */
export async function emptyBucket(s3: S3Client, Bucket: string): Promise<number> {
  let deleted = 0;
  const remove = async (Objects: ObjectIdentifier[]) => {
    for (let i = 0; i < Objects.length; i += DELETE_BATCH) {
      await s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: Objects.slice(i, i + DELETE_BATCH), Quiet: true } }));
      deleted += Math.min(DELETE_BATCH, Objects.length - i);
    }
  };
  let KeyMarker: string | undefined;
  let VersionIdMarker: string | undefined;
  do {
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket, KeyMarker, VersionIdMarker }));
    await remove([...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map((v) => ({ Key: v.Key!, VersionId: v.VersionId })));
    KeyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
    VersionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
  } while (KeyMarker);
  let ContinuationToken: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket, ContinuationToken }));
    await remove((page.Contents ?? []).map((o) => ({ Key: o.Key! })));
    ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (ContinuationToken);
  return deleted;
}

const TAKEN = 'is owned by another AWS account';

/**
 * S3 frees a deleted bucket's name only after a while (an `up` right after `down`): until then CreateBucket is
 * OperationAborted (409). AWS says to try again; minutes at most.
 */
const NAME_REUSE_RETRY = { attempts: 12, baseDelayMs: 500, maxDelayMs: 15_000 };
/**
 * Lifting the public access block propagates: PutBucketPolicy may still answer AccessDenied "because public
 * policies are blocked by the BlockPublicPolicy block public access setting" for a few seconds after.
 */
const POLICY_BLOCK_RETRY = { attempts: 10, baseDelayMs: 300, maxDelayMs: 5_000 };
const POLICY_BLOCKED = /public policies are blocked by the BlockPublicPolicy/;

async function createNamed(ctx: StackContext, Bucket: string): Promise<void> {
  const region = ctx.target.region;
  try {
    await retry(
      () =>
        ctx.clients.s3.send(
          new CreateBucketCommand({ Bucket, CreateBucketConfiguration: region === 'us-east-1' ? undefined : { LocationConstraint: region as never } }),
        ),
      (err) => errorName(err) === 'OperationAborted',
      {
        ...NAME_REUSE_RETRY,
        onRetry: (_e, n) => ctx.progress(`S3 has not freed the name ${Bucket} since it was deleted (OperationAborted): trying again (${n + 1})`),
      },
    );
  } catch (err) {
    // A CreateBucket whose answer was lost (an `up` cut off) did create it.
    if (errorName(err) !== 'BucketAlreadyOwnedByYou') throw err;
  }
}

/**
 * Creates the bucket and returns its name. The name was checked before planning, but another account
 * may take it meanwhile: a derived name then falls back to the account-unique one; a chosen one cannot.
 */
async function createBucket(ctx: StackContext, Bucket: string): Promise<string> {
  try {
    await createNamed(ctx, Bucket);
    return Bucket;
  } catch (err) {
    if (errorName(err) !== 'BucketAlreadyExists') throw err;
    if (ctx.bucketSource !== 'default') throw new UserError(`bucket name ${Bucket} ${TAKEN}`, 'choose another with --bucket NAME');
  }
  const fallback = accountBucketName(ctx.names.stack, ctx.account, ctx.target.region);
  ctx.notices.push(takenNotice(Bucket, TAKEN, fallback));
  ctx.progress(`${Bucket} ${TAKEN}: creating ${fallback}`);
  await createNamed(ctx, fallback);
  return fallback;
}

/** Empties and deletes a bucket; false when there was none. */
export async function deleteBucket(ctx: StackContext, Bucket: string): Promise<boolean> {
  const s3 = ctx.clients.s3;
  if (!(await doneUnlessNotFound(() => s3.send(new HeadBucketCommand({ Bucket }))))) return false;
  ctx.progress(`emptying ${Bucket}`);
  await emptyBucket(s3, Bucket);
  await s3.send(new DeleteBucketCommand({ Bucket }));
  return true;
}

/** S3 bucket: static website, public-read policy, CORS for stats.json, tagged. */
export const bucket: Resource<BucketState> = {
  id: 'bucket',
  after: [],
  name: bucketName,

  async read(ctx) {
    const s3 = ctx.clients.s3;
    const Bucket = bucketName(ctx);
    try {
      await s3.send(new HeadBucketCommand({ Bucket }));
    } catch (err) {
      if (isNotFound(err)) return undefined;
      if ((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 403) {
        throw new UserError(`bucket name ${Bucket} ${TAKEN}`, 'choose another with --bucket NAME');
      }
      throw err;
    }
    const [policy, cors, website, pab, tagging] = await Promise.all([
      optional(s3.send(new GetBucketPolicyCommand({ Bucket }))),
      optional(s3.send(new GetBucketCorsCommand({ Bucket }))),
      optional(s3.send(new GetBucketWebsiteCommand({ Bucket }))),
      optional(s3.send(new GetPublicAccessBlockCommand({ Bucket }))),
      optional(s3.send(new GetBucketTaggingCommand({ Bucket }))),
    ]);
    return {
      policy: policy?.Policy ? JSON.parse(policy.Policy) : undefined,
      cors: cors?.CORSRules,
      indexDocument: website?.IndexDocument?.Suffix,
      publicAccessBlock: pab?.PublicAccessBlockConfiguration,
      tags: fromTagList(tagging?.TagSet),
    };
  },

  diff(ctx, current) {
    if (!current) return [drift('absent')];
    const reasons: Drift[] = [];
    if (!isOpen(current.publicAccessBlock)) reasons.push(drift('public-access-blocked'));
    if (!samePolicy(current.policy, publicReadPolicy(bucketName(ctx)))) reasons.push(drift(current.policy ? 'policy-differs' : 'policy-missing'));
    if (!sameCors(current.cors)) reasons.push(drift('cors-differs'));
    if (current.indexDocument !== ctx.spec.settings.indexKey) reasons.push(drift('website-off'));
    if (missingTags(current.tags, ctx.tags).length) reasons.push(drift('tags-missing'));
    return reasons;
  },

  async apply(ctx, current, reasons) {
    const s3 = ctx.clients.s3;
    const all = !current;
    if (!current) ctx.outputs.bucket = await createBucket(ctx, bucketName(ctx));
    const Bucket = bucketName(ctx);
    // Tags first: an `up` cut off after this finds the bucket again by them, whatever its name.
    if (all || hasDrift(reasons, 'tags-missing')) {
      await s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: toTagList({ ...current?.tags, ...ctx.tags }) } }));
    }
    // New buckets block public policies (AWS default since 2023): lift the block before the policy.
    if (all || hasDrift(reasons, 'public-access-blocked')) {
      await s3.send(new PutPublicAccessBlockCommand({ Bucket, PublicAccessBlockConfiguration: OPEN_ACCESS }));
    }
    if (all || hasDrift(reasons, 'policy-missing', 'policy-differs')) {
      await retry(
        () => s3.send(new PutBucketPolicyCommand({ Bucket, Policy: JSON.stringify(publicReadPolicy(Bucket)) })),
        (err) => errorName(err) === 'AccessDenied' && POLICY_BLOCKED.test((err as Error).message),
        {
          ...POLICY_BLOCK_RETRY,
          onRetry: (_e, n) => ctx.progress(`the lifted public access block is still reaching S3 (AccessDenied): trying the policy again (${n + 1})`),
        },
      );
    }
    if (all || hasDrift(reasons, 'cors-differs')) await s3.send(new PutBucketCorsCommand({ Bucket, CORSConfiguration: { CORSRules: WANTED_CORS } }));
    if (all || hasDrift(reasons, 'website-off')) {
      await s3.send(new PutBucketWebsiteCommand({ Bucket, WebsiteConfiguration: { IndexDocument: { Suffix: ctx.spec.settings.indexKey } } }));
    }
    this.outputs(ctx, current ?? { tags: {} });
  },

  outputs(ctx) {
    ctx.outputs.bucket = bucketName(ctx);
    ctx.outputs.websiteUrl = websiteUrl(ctx);
    ctx.outputs.statsUrl = statsUrl(ctx);
  },

  destroy: (ctx) => deleteBucket(ctx, bucketName(ctx)),

  describe: (ctx) => websiteUrl(ctx),
};
