import { AwsError } from '../../../core/errors.js';
import { header } from '../../../core/request.js';
import { PUBLIC_ACLS } from '../acl.js';
import { bucketArn } from '../resources.js';
import { Bucket, isObjectOwnership } from '../store.js';
import { defineAction } from '../action.js';
import { xmlInput } from '../xml.js';

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const IP_ADDRESS = /^\d+\.\d+\.\d+\.\d+$/;
/** Prefixes, suffixes and sequences S3 reserves for its own features. */
const RESERVED = [/^xn--/, /^sthree-/, /^amzn-s3-demo-/, /-s3alias$/, /--ol-s3$/, /--x-s3$/, /\.\./];
/** Bucket ACLs that grant nothing beyond the owner, allowed even when ACLs are disabled. */
const OWNER_ONLY_ACLS = new Set(['private', 'bucket-owner-full-control']);
const US_EAST_1 = 'us-east-1';

function checkName(name: string) {
  if (!BUCKET_NAME.test(name) || IP_ADDRESS.test(name) || RESERVED.some((r) => r.test(name))) {
    throw new AwsError('InvalidBucketName', 'The specified bucket is not valid.', 400, true, { BucketName: name });
  }
}

const illegalConstraint = (constraint: string) =>
  new AwsError(
    'IllegalLocationConstraintException',
    `The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`,
    400,
  );

/** The regional endpoint a request was sent to decides which LocationConstraint it accepts. */
function checkLocation(region: string, constraint: string | undefined) {
  if (region === US_EAST_1) {
    if (constraint === US_EAST_1)
      throw new AwsError('InvalidLocationConstraint', 'The specified location-constraint is not valid', 400, true, { LocationConstraint: constraint });
    if (constraint !== undefined) throw illegalConstraint(constraint);
  } else if (constraint !== region) {
    throw illegalConstraint(constraint ?? 'unspecified');
  }
}

/**
 * CreateBucket. Strict mode gives new buckets what AWS gives them since April 2023: all four public
 * access blocks on and ACLs disabled (BucketOwnerEnforced).
 */
export const createBucket = defineAction({
  name: 'CreateBucket',
  action: 's3:CreateBucket',
  createsBucket: true,
  run({ req, bucketName: name }, store, ctx) {
    checkName(name);
    const config = req.body.length ? xmlInput(req, 'CreateBucketConfiguration') : {};
    const constraint = config.LocationConstraint ? String(config.LocationConstraint) : undefined;
    checkLocation(ctx.region, constraint);
    if (store.isForeign(name)) {
      throw new AwsError(
        'BucketAlreadyExists',
        'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
        409,
        true,
        { BucketName: name },
      );
    }
    // AWS names the bucket's ARN in CreateBucket's answer (the SDK's BucketArn).
    const location = { location: `/${name}`, 'x-amz-bucket-arn': bucketArn(name) };
    if (store.find(name)) {
      // us-east-1 answers 200 to re-creating your own bucket, for legacy reasons.
      if (ctx.region === US_EAST_1) return { headers: location };
      throw new AwsError('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', 409, true, {
        BucketName: name,
      });
    }
    if (store.deletedWithin(name, ctx.cloud.options.timings.bucketNameReuseMs)) {
      // S3 frees a deleted bucket's name only after a while; until then a CreateBucket of it is aborted.
      throw new AwsError(
        'OperationAborted',
        'A conflicting conditional operation is currently in progress against this resource. Please try again.',
        409,
        true,
        {
          BucketName: name,
        },
      );
    }
    const strict = ctx.cloud.options.strict;
    const ownership = header(req, 'x-amz-object-ownership');
    if (ownership !== undefined && !isObjectOwnership(ownership)) {
      throw new AwsError('InvalidArgument', 'Invalid x-amz-object-ownership header', 400, true, {
        ArgumentName: 'x-amz-object-ownership',
        ArgumentValue: ownership,
      });
    }
    const bucket = new Bucket(name, ctx.region);
    const effectiveOwnership = ownership ?? (strict ? 'BucketOwnerEnforced' : undefined);
    if (effectiveOwnership) bucket.config.ownershipControls = effectiveOwnership;
    if (strict) bucket.config.publicAccessBlock = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
    const acl = header(req, 'x-amz-acl');
    if (acl && effectiveOwnership === 'BucketOwnerEnforced' && !OWNER_ONLY_ACLS.has(acl)) {
      throw new AwsError('InvalidBucketAclWithObjectOwnership', "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting", 400);
    }
    if (acl && strict && PUBLIC_ACLS.has(acl)) {
      throw new AwsError('InvalidBucketAclWithBlockPublicAccessError', 'Bucket cannot have public ACLs set with BlockPublicAccess enabled', 400);
    }
    store.add(bucket);
    return { headers: location };
  },
});
