import { AwsError } from '../../../core/errors.js';
import { parseBucketPolicy } from '../policy.js';
import { bucketArn } from '../resources.js';
import { defineAction } from '../action.js';

/**
 * PutBucketPolicy: validated (MalformedPolicy); a public policy is refused while BlockPublicPolicy is on, and
 * for a moment after it was lifted (AWS documents that block public access changes take time to apply).
 */
export const putBucketPolicy = defineAction({
  name: 'PutBucketPolicy',
  action: 's3:PutBucketPolicy',
  run({ req, bucketName }, store, ctx) {
    const bucket = store.bucket(bucketName);
    const policy = parseBucketPolicy(req.body.toString('utf8'), bucketName);
    if (policy.isPublic && (bucket.config.publicAccessBlock?.BlockPublicPolicy || Date.now() < bucket.publicPolicyBlockedUntil)) {
      throw new AwsError(
        'AccessDenied',
        `User: ${ctx.principal.arn} is not authorized to perform: s3:PutBucketPolicy on resource: "${bucketArn(bucketName)}" because public policies are blocked by the BlockPublicPolicy block public access setting.`,
        403,
      );
    }
    bucket.config.policy = policy;
    return { status: 204 };
  },
});
