import { AwsError } from '../../../core/errors.js';
import { asArray } from '../../../core/xml.js';
import { malformedXml } from '../errors.js';
import type { Tag } from '../store.js';
import { putConfigOperation } from '../bucketConfig.js';

const MAX_TAGS = 50;
const MAX_KEY_LENGTH = 128;
const MAX_VALUE_LENGTH = 256;
/** Tag keys AWS keeps for itself. */
const SYSTEM_PREFIX = 'aws:';

const invalidTag = (message: string) => new AwsError('InvalidTag', message, 400);

function parseTags(doc: Record<string, unknown>): Tag[] {
  const raw = asArray((doc.TagSet as Record<string, unknown> | undefined)?.Tag as Record<string, unknown> | Record<string, unknown>[] | undefined);
  const tags = raw.map((t) => {
    if (typeof t.Key !== 'string') throw malformedXml();
    return { Key: t.Key, Value: t.Value === undefined ? '' : String(t.Value) };
  });
  if (tags.length > MAX_TAGS) throw invalidTag(`Bucket tag count cannot be greater than ${MAX_TAGS}`);
  const seen = new Set<string>();
  for (const { Key, Value } of tags) {
    if (Key.length > MAX_KEY_LENGTH) throw invalidTag(`The TagKey you have provided is too long, max ${MAX_KEY_LENGTH}`);
    if (Value.length > MAX_VALUE_LENGTH) throw invalidTag(`The TagValue you have provided is too long, max ${MAX_VALUE_LENGTH}`);
    if (Key.toLowerCase().startsWith(SYSTEM_PREFIX)) throw invalidTag('System tags cannot be added/updated by requester');
    if (seen.has(Key)) throw invalidTag('Cannot provide multiple Tags with the same key');
    seen.add(Key);
  }
  return tags;
}

/** PutBucketTagging replaces the whole tag set (204); the CLI finds its buckets by these tags. */
export const putBucketTagging = putConfigOperation('PutBucketTagging', 'tagging', 's3:PutBucketTagging', 'Tagging', parseTags, 204);
