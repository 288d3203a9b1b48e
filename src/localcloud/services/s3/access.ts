import type { Checks, Permission } from '../../core/operation.js';
import type { CallContext } from '../../core/types.js';
import type { S3Input } from './action.js';
import type { EdgeRequest } from '../../core/request.js';
import { accessDenied } from './errors.js';
import { policyEffect } from './policy.js';
import { S3_ARN_PREFIX } from './resources.js';
import type { Bucket } from './store.js';

/** The account root may always manage the bucket policy, even one that denies everyone (S3's lock-out escape). */
const POLICY_ACTIONS = new Set(['s3:GetBucketPolicy', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy']);

/** No SigV4 signature at all: a browser or curl. */
export const isAnonymous = (req: EdgeRequest): boolean => req.scope === undefined;

/** RestrictPublicBuckets: a bucket whose policy is public serves only its own account. */
const restrictsPublicAccess = (bucket: Bucket): boolean =>
  bucket.config.publicAccessBlock?.RestrictPublicBuckets === true && bucket.config.policy?.isPublic === true;

/** Whether an unsigned request may do `action` on `resource`: only a bucket policy can grant it. */
export function anonymousAllowed(bucket: Bucket, action: string, resource: string): boolean {
  const policy = bucket.config.policy;
  return !!policy && !restrictsPublicAccess(bucket) && policyEffect(policy, 'anonymous', action, resource) === 'Allow';
}

/** The bucket whose policy speaks for `resource`: the addressed one, or the other bucket it names (CopyObject's source). */
function bucketOf(resource: string, { bucketName, bucket, find }: S3Input): Bucket | undefined {
  const name = resource.startsWith(S3_ARN_PREFIX) ? resource.slice(S3_ARN_PREFIX.length).split('/')[0] : bucketName;
  return name === bucketName ? bucket : find(name);
}

/**
 * S3's own access decision, before IAM's (core/operation.ts `authorize`), by the policy of the bucket the
 * permission's resource is in: anonymous callers need a bucket-policy grant; signed callers are refused by an explicit Deny in the bucket policy, let in by an
 * Allow naming them (true), and otherwise left to IAM (false): the developer is root, role sessions are
 * checked against their policies.
 */
export function bucketPolicyGrants({ action, resource }: Permission, input: S3Input, { principal }: CallContext): boolean {
  const { req } = input;
  const bucket = bucketOf(resource, input);
  if (isAnonymous(req)) {
    if (bucket && anonymousAllowed(bucket, action, resource)) return true;
    throw accessDenied();
  }
  const policy = bucket?.config.policy;
  const effect = policy && policyEffect(policy, principal.kind === 'role' ? [principal.arn, principal.roleArn] : [principal.arn], action, resource);
  if (effect === 'Deny' && !(principal.kind === 'root' && POLICY_ACTIONS.has(action))) throw accessDenied();
  return effect === 'Allow';
}

/** How S3 checks a call: its bucket policy first, then IAM; a refusal is AccessDenied, 403. */
export const S3_CHECKS: Checks<S3Input> = { denied: { code: 'AccessDenied', status: 403 }, grants: bucketPolicyGrants };
