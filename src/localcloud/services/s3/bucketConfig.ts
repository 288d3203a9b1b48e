import { AwsError } from '../../core/errors.js';
import type { CallContext } from '../../core/types.js';
import type { Bucket, BucketConfigs } from './store.js';
import { defineAction, type S3Operation, type S3Output } from './action.js';
import { xmlInput } from './xml.js';

type ConfigName = keyof BucketConfigs;

/** What Get<Config> answers when the bucket has none: each configuration has its own 404 code. */
const MISSING: Record<ConfigName, [code: string, message: string]> = {
  policy: ['NoSuchBucketPolicy', 'The bucket policy does not exist'],
  cors: ['NoSuchCORSConfiguration', 'The CORS configuration does not exist'],
  website: ['NoSuchWebsiteConfiguration', 'The specified bucket does not have a website configuration'],
  tagging: ['NoSuchTagSet', 'The TagSet does not exist'],
  publicAccessBlock: ['NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found'],
  ownershipControls: ['OwnershipControlsNotFoundError', 'The bucket ownership controls were not found'],
};

export function requireConfig<K extends ConfigName>(bucket: Bucket, name: K): BucketConfigs[K] {
  const value = bucket.config[name];
  if (value === undefined) {
    const [code, message] = MISSING[name];
    throw new AwsError(code, message, 404, true, { BucketName: bucket.name });
  }
  return value as BucketConfigs[K];
}

/**
 * A configuration was replaced or deleted. Lifting BlockPublicPolicy reaches PutBucketPolicy only after a while:
 * AWS documents that block public access changes take time to apply everywhere (strict mode's publicAccessPropagationMs).
 */
function changed(bucket: Bucket, name: ConfigName, before: BucketConfigs[ConfigName] | undefined, ctx: CallContext): void {
  if (name !== 'publicAccessBlock') return;
  const wasBlocking = (before as BucketConfigs['publicAccessBlock'] | undefined)?.BlockPublicPolicy;
  if (wasBlocking && !bucket.config.publicAccessBlock?.BlockPublicPolicy) {
    bucket.publicPolicyBlockedUntil = Date.now() + ctx.cloud.options.timings.publicAccessPropagationMs;
  }
}

/** Put<Config>: the request's `<root>` document, parsed and validated by `parse`, replaces the configuration. */
export function putConfigOperation<K extends ConfigName>(
  operation: string,
  name: K,
  action: string,
  root: string,
  parse: (doc: Record<string, unknown>) => BucketConfigs[K],
  status = 200,
): S3Operation {
  return defineAction({
    name: operation,
    action,
    run({ req, bucketName }, store, ctx) {
      const bucket = store.bucket(bucketName);
      const before = bucket.config[name];
      bucket.config[name] = parse(xmlInput(req, root));
      changed(bucket, name, before, ctx);
      return { status };
    },
  });
}

/** Get<Config>: the stored configuration as the operation renders it, or the configuration's own 404. */
export function getConfigOperation<K extends ConfigName>(
  operation: string,
  name: K,
  action: string,
  render: (value: BucketConfigs[K]) => S3Output,
): S3Operation {
  return defineAction({ name: operation, action, run: ({ bucketName }, store) => render(requireConfig(store.bucket(bucketName), name)) });
}

/** Delete<Config>: 204, whether or not the bucket had one. */
export function deleteConfigOperation(operation: string, name: ConfigName, action: string): S3Operation {
  return defineAction({
    name: operation,
    action,
    run({ bucketName }, store, ctx) {
      const bucket = store.bucket(bucketName);
      const before = bucket.config[name];
      delete bucket.config[name];
      changed(bucket, name, before, ctx);
      return { status: 204 };
    },
  });
}
