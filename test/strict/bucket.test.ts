import { describe, expect, it } from 'vitest';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteBucketPolicyCommand,
  DeleteBucketTaggingCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  HeadBucketCommand,
  GetBucketOwnershipControlsCommand,
  GetPublicAccessBlockCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
} from '@aws-sdk/client-s3';
import { openStack } from '../../src/session.js';
import type { Resource } from '../../src/stack/context.js';
import { stackStatus } from '../../src/stack/status.js';
import { bucket, publicReadPolicy } from '../../src/stack/resources/bucket.js';
import { openTestSession, progressRecorder, rejection, up, useSession, useStrictCloud } from './support.js';

const BUCKET_ONLY = [bucket] as Resource<unknown>[];
const ALL_BLOCKED = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
/** A name another AWS account owns (the cloud answers for it as S3 does for someone else's bucket). */
const FOREIGN_BUCKET = 'someone-elses-bucket';

/** How long the strict cloud of these tests takes to propagate a lifted block / free a deleted name. */
const PROPAGATION_MS = 200;
const NAME_REUSE_MS = 300;

describe('S3 Block Public Access and Object Ownership defaults (issue 5, behaviour 5)', () => {
  const cloud = useStrictCloud({ timings: { publicAccessPropagationMs: PROPAGATION_MS } });
  const session = useSession(cloud, 'bpa');

  it('the cloud: a new bucket blocks public policies and disables ACLs', async () => {
    const s3 = cloud().clients.s3;
    const Bucket = 'fresh-bucket';
    await s3.send(new CreateBucketCommand({ Bucket, CreateBucketConfiguration: { LocationConstraint: cloud().region as never } }));
    expect((await s3.send(new GetPublicAccessBlockCommand({ Bucket }))).PublicAccessBlockConfiguration).toEqual(ALL_BLOCKED);
    expect((await s3.send(new GetBucketOwnershipControlsCommand({ Bucket }))).OwnershipControls?.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);

    const policy = await rejection(s3.send(new PutBucketPolicyCommand({ Bucket, Policy: JSON.stringify(publicReadPolicy(Bucket)) })));
    expect([policy.name, policy.$metadata?.httpStatusCode]).toEqual(['AccessDenied', 403]);
    expect(policy.message).toMatch(/public policies are blocked by the BlockPublicPolicy block public access setting/);

    const acl = await rejection(s3.send(new PutObjectCommand({ Bucket, Key: 'page.html', Body: 'hi', ACL: 'public-read' })));
    expect([acl.name, acl.message]).toEqual(['AccessControlListNotSupported', 'The bucket does not allow ACLs']);

    await s3.send(
      new PutPublicAccessBlockCommand({ Bucket, PublicAccessBlockConfiguration: { ...ALL_BLOCKED, BlockPublicPolicy: false, RestrictPublicBuckets: false } }),
    );
    // The lifted block takes a moment to propagate: the same AccessDenied first, then the policy goes in.
    const early = await rejection(s3.send(new PutBucketPolicyCommand({ Bucket, Policy: JSON.stringify(publicReadPolicy(Bucket)) })));
    expect([early.name, early.$metadata?.httpStatusCode]).toEqual(['AccessDenied', 403]);
    await new Promise((r) => setTimeout(r, PROPAGATION_MS));
    await s3.send(new PutBucketPolicyCommand({ Bucket, Policy: JSON.stringify(publicReadPolicy(Bucket)) }));
  });

  it('the CLI lifts the block before the public-read policy (no ACLs), so the page is public; a block put back is drift `up` repairs', async () => {
    const { ctx } = session();
    await up(session(), undefined, BUCKET_ONLY);
    await cloud().clients.s3.send(new PutObjectCommand({ Bucket: ctx.outputs.bucket, Key: 'stats.json', Body: '{}' }));
    expect((await fetch(ctx.outputs.statsUrl!)).status).toBe(200);

    await cloud().clients.s3.send(new PutPublicAccessBlockCommand({ Bucket: ctx.outputs.bucket, PublicAccessBlockConfiguration: ALL_BLOCKED }));
    expect((await fetch(ctx.outputs.statsUrl!)).status).toBe(403);
    const status = await stackStatus(ctx);
    expect(status.resources.find((r) => r.id === 'bucket')).toMatchObject({ state: 'drift', drift: ['public access is blocked'] });

    await up(session(), undefined, BUCKET_ONLY);
    expect((await fetch(ctx.outputs.statsUrl!)).status).toBe(200);
  });
});

describe('the S3 deploy risks AWS documents, retried with the reason shown (issue 10)', () => {
  const cloud = useStrictCloud({ timings: { publicAccessPropagationMs: 1_000, bucketNameReuseMs: NAME_REUSE_MS } });
  const session = useSession(cloud, 'risks');

  it('up waits out the propagation of the lifted public access block, saying why', async () => {
    const progress = progressRecorder();
    await up(session(), progress.reporter, BUCKET_ONLY);
    expect(progress.of('bucket').some((m) => /the lifted public access block is still reaching S3 \(AccessDenied\)/.test(m))).toBe(true);
    expect((await cloud().clients.s3.send(new GetBucketPolicyCommand({ Bucket: session().ctx.outputs.bucket }))).Policy).toContain('s3:GetObject');
  });

  it('CreateBucket right after DeleteBucket of the name is OperationAborted (409); up retries until S3 frees it', async () => {
    const s3 = cloud().clients.s3;
    const Bucket = 'reused-name';
    const create = () => s3.send(new CreateBucketCommand({ Bucket, CreateBucketConfiguration: { LocationConstraint: cloud().region as never } }));
    await create();
    await s3.send(new DeleteBucketCommand({ Bucket }));
    const aborted = await rejection(create());
    expect([aborted.name, aborted.$metadata?.httpStatusCode, aborted.message]).toEqual([
      'OperationAborted',
      409,
      'A conflicting conditional operation is currently in progress against this resource. Please try again.',
    ]);

    const { ctx } = session();
    await s3.send(new DeleteBucketPolicyCommand({ Bucket: ctx.outputs.bucket }));
    await s3.send(new DeleteBucketTaggingCommand({ Bucket: ctx.outputs.bucket }));
    await s3.send(new DeleteBucketCommand({ Bucket: ctx.outputs.bucket }));
    const progress = progressRecorder();
    await up(session(), progress.reporter, BUCKET_ONLY);
    expect(progress.of('bucket').some((m) => /S3 has not freed the name .* since it was deleted \(OperationAborted\): trying again/.test(m))).toBe(true);
    expect((await s3.send(new HeadBucketCommand({ Bucket: ctx.outputs.bucket }))).$metadata.httpStatusCode).toBe(200);
  });
});

describe('bucket names are global (issue 5, behaviour 6)', () => {
  const cloud = useStrictCloud({ foreignBucketNames: [FOREIGN_BUCKET, 'crowded-app-bucket'] });

  const create = (Bucket: string, LocationConstraint?: string) =>
    cloud().clients.s3.send(
      new CreateBucketCommand({ Bucket, CreateBucketConfiguration: LocationConstraint ? { LocationConstraint: LocationConstraint as never } : undefined }),
    );

  it("the cloud: another account's name is BucketAlreadyExists, your own BucketAlreadyOwnedByYou; outside us-east-1 the LocationConstraint must name the region", async () => {
    const taken = await rejection(create(FOREIGN_BUCKET, cloud().region));
    expect([taken.name, taken.$metadata?.httpStatusCode]).toEqual(['BucketAlreadyExists', 409]);

    await create('mine', cloud().region);
    const again = await rejection(create('mine', cloud().region));
    expect([again.name, again.$metadata?.httpStatusCode]).toEqual(['BucketAlreadyOwnedByYou', 409]);

    // (SDK v3 fills in the client's region when CreateBucketConfiguration is left out.)
    const elsewhere = await rejection(create('elsewhere', 'eu-west-1'));
    expect([elsewhere.name, elsewhere.message]).toEqual([
      'IllegalLocationConstraintException',
      'The eu-west-1 location constraint is incompatible for the region specific endpoint this request was sent to.',
    ]);
  });

  describe('the CLI', () => {
    const session = useSession(cloud, 'names');

    it("creates its bucket with the region's LocationConstraint", async () => {
      await up(session(), undefined, BUCKET_ONLY);
      const { LocationConstraint } = await cloud().clients.s3.send(new GetBucketLocationCommand({ Bucket: session().ctx.outputs.bucket }));
      expect(LocationConstraint).toBe(cloud().region);
    });

    it('falls back to an account-unique name when another account owns the derived one, and says so', async () => {
      const crowded = await openTestSession(cloud(), 'crowded');
      try {
        await up(crowded, undefined, BUCKET_ONLY);
        const fallback = `crowded-app-bucket-${crowded.ctx.account}-${cloud().region}`;
        expect(crowded.ctx.outputs.bucket).toBe(fallback);
        expect(crowded.ctx.notices).toEqual([`bucket name crowded-app-bucket is owned by another AWS account: using ${fallback}`]);
      } finally {
        crowded.close();
      }
    });

    it('refuses a --bucket another account owns, saying to choose another', async () => {
      const port = Number(new URL(cloud().cloud.endpoint).port);
      const refused = await rejection(
        (async () => {
          const taken = await openStack({ local: true, port, stack: 'taken', bucket: FOREIGN_BUCKET }, { startLocal: false, withCode: false });
          try {
            await up(taken, undefined, BUCKET_ONLY);
          } finally {
            taken.close();
          }
        })(),
      );
      expect(refused.message).toMatch(new RegExp(`${FOREIGN_BUCKET} .*another AWS account`));
      expect(`${refused.message} ${(refused as { hint?: string }).hint ?? ''}`).toMatch(/--bucket NAME/);
    });
  });
});
