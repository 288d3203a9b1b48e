import { GetBucketTaggingCommand, HeadBucketCommand, paginateListBuckets, type S3Client } from '@aws-sdk/client-s3';
import { UserError } from '../errors.js';
import { APP_TAG, defaultBucketName } from './config.js';
import { mapLimit } from './concurrency.js';
import { errorName, isNotFound } from './retry.js';
import { fromTagList } from './resources/tags.js';
import { cliCommand } from '../hints.js';
import type { TargetFlags } from '../target/flags.js';

/** ListBuckets page size (the paginated form of the API; the unpaginated one is capped for big accounts). */
const LIST_PAGE = 1000;
const TAG_READS_IN_FLIGHT = 8;
/** Lowercase letters, digits and hyphens; no dots, since the page reads stats.json over HTTPS on <bucket>.s3.<region>.amazonaws.com. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const RESERVED = [/^xn--/, /^sthree-/, /-s3alias$/, /--ol-s3$/, /--x-s3$/];

/** How the stack's bucket name was found: by its tags, from --bucket, or the name `up` derives (or its fallback). */
export type BucketSource = 'tags' | 'flag' | 'default' | 'fallback';

export interface BucketChoice {
  name: string;
  source: BucketSource;
  /** One line for the user when the name is not the one they would guess. */
  notice?: string;
}

export interface BucketQuery {
  stack: string;
  account: string;
  region: string;
  /** --bucket (or the one saved by an earlier `up --bucket`). */
  explicit?: string;
  /** The target flags the user gave, for the hint. */
  userFlags: TargetFlags;
}

export interface OwnedBucket {
  name: string;
  region?: string;
  tags: Record<string, string>;
}

/** Unique to the account and region, for when someone else owns the default name. */
export const accountBucketName = (stack: string, account: string, region: string) => `${stack}-app-bucket-${account}-${region}`;

export function checkBucketName(name: string): void {
  if (!BUCKET_NAME.test(name) || RESERVED.some((r) => r.test(name)) || name.includes('--')) {
    throw new UserError(
      `--bucket '${name}' is not a bucket name bus-cli can use`,
      '3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit (no dots: the page reads stats.json over HTTPS)',
    );
  }
}

/** The buckets this account owns (ListBuckets lists only one's own), with the tags of those in `region`. */
export async function ownedBuckets(s3: S3Client, region: string): Promise<OwnedBucket[]> {
  const listed: { name: string; region?: string }[] = [];
  for await (const page of paginateListBuckets({ client: s3, pageSize: LIST_PAGE }, {})) {
    for (const b of page.Buckets ?? []) listed.push({ name: b.Name!, region: b.BucketRegion });
  }
  return mapLimit(listed, TAG_READS_IN_FLIGHT, async (b) => ({ ...b, tags: !b.region || b.region === region ? await bucketTags(s3, b.name) : {} }));
}

/** A bucket's tags; none when it has none or cannot be read from here (another region, a policy). */
async function bucketTags(s3: S3Client, Bucket: string): Promise<Record<string, string>> {
  try {
    return fromTagList((await s3.send(new GetBucketTaggingCommand({ Bucket }))).TagSet);
  } catch (err) {
    if (/^NoSuchTagSet/.test(errorName(err)) || isNotFound(err) || [301, 403].includes(httpStatus(err))) return {};
    throw err;
  }
}

const httpStatus = (err: unknown) => (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode ?? 0;

/** Free when S3 says no such bucket; a 403 (or a redirect to another region) means another account owns it. */
async function isFree(s3: S3Client, Bucket: string): Promise<boolean> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket }));
    return false;
  } catch (err) {
    if (isNotFound(err)) return true;
    if ([301, 400, 403].includes(httpStatus(err))) return false;
    throw err;
  }
}

const isStackBucket = (b: OwnedBucket, stack: string) => b.tags.app === APP_TAG && b.tags.stack === stack;
const otherStack = (b: OwnedBucket, stack: string) => (b.tags.app === APP_TAG && b.tags.stack && b.tags.stack !== stack ? b.tags.stack : undefined);

function wrongRegion(stack: string, bucket: OwnedBucket, region: string): UserError {
  return new UserError(
    `stack ${stack}'s bucket ${bucket.name} is in ${bucket.region}, not ${region}`,
    `run with --region ${bucket.region} (a stack lives in one region: its IAM roles are global), or choose another --stack name`,
  );
}

/**
 * Which bucket the stack uses, read-only: the one tagged with this stack, else --bucket, else
 * `<stack>-app-bucket`, or `<stack>-app-bucket-<account>-<region>` when another account owns that name.
 * A bucket this account already owns under the wanted name is used (an `up` cut off before tagging it).
 */
export async function chooseBucket(s3: S3Client, q: BucketQuery): Promise<BucketChoice> {
  if (q.explicit) checkBucketName(q.explicit);
  const owned = await ownedBuckets(s3, q.region);
  const tagged = owned.find((b) => isStackBucket(b, q.stack));
  if (tagged) {
    if (q.explicit && q.explicit !== tagged.name) {
      throw new UserError(
        `stack ${q.stack} already has bucket ${tagged.name} (found by its tags), not ${q.explicit}`,
        `drop --bucket, or run \`${cliCommand('down', { ...q.userFlags, stack: q.stack })}\` first`,
      );
    }
    return { name: tagged.name, source: 'tags' };
  }

  /** Why `name` cannot be this stack's bucket, or undefined when it can; throws when it is in another region. */
  const whyNot = async (name: string): Promise<string | undefined> => {
    const mine = owned.find((b) => b.name === name);
    if (!mine) return (await isFree(s3, name)) ? undefined : 'is owned by another AWS account';
    if (mine.region && mine.region !== q.region) throw wrongRegion(q.stack, mine, q.region);
    const holder = otherStack(mine, q.stack);
    return holder ? `belongs to stack ${holder}` : undefined;
  };

  if (q.explicit) {
    const why = await whyNot(q.explicit);
    if (why) throw new UserError(`bucket name ${q.explicit} ${why}`, 'choose another with --bucket NAME, or drop --bucket and bus-cli picks one');
    return { name: q.explicit, source: 'flag' };
  }
  const preferred = defaultBucketName(q.stack);
  const why = await whyNot(preferred);
  if (!why) return { name: preferred, source: 'default' };
  const fallback = accountBucketName(q.stack, q.account, q.region);
  const whyNotFallback = await whyNot(fallback);
  if (whyNotFallback) throw new UserError(`bucket name ${preferred} ${why}, and ${fallback} ${whyNotFallback}`, 'choose one with --bucket NAME');
  return { name: fallback, source: 'fallback', notice: takenNotice(preferred, why, fallback) };
}

/** The one line `up` prints when it does not use the name the user would guess. */
export const takenNotice = (taken: string, why: string, used: string) => `bucket name ${taken} ${why}: using ${used}`;
