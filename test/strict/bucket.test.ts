import { describe, expect, it } from 'vitest';
import {
  CreateBucketCommand,
  GetBucketLocationCommand,
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
import { openTestSession, rejection, up, useSession, useStrictCloud } from './support.js';

const BUCKET_ONLY = [bucket] as Resource<unknown>[];
const ALL_BLOCKED = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
/** A name another AWS account owns (the cloud answers for it as S3 does for someone else's bucket). */
const FOREIGN_BUCKET = 'someone-elses-bucket';

describe('S3 Block Public Access and Object Ownership defaults (issue 5, behaviour 5)', () => {
  const cloud = useStrictCloud();
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

    await s3.send(new PutPublicAccessBlockCommand({ Bucket, PublicAccessBlockConfiguration: { ...ALL_BLOCKED, BlockPublicPolicy: false, RestrictPublicBuckets: false } }));
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

describe('bucket names are global (issue 5, behaviour 6)', () => {
  const cloud = useStrictCloud({ foreignBucketNames: [FOREIGN_BUCKET, 'crowded-app-bucket'] });

  const create = (Bucket: string, LocationConstraint?: string) =>
    cloud().clients.s3.send(new CreateBucketCommand({ Bucket, CreateBucketConfiguration: LocationConstraint ? { LocationConstraint: LocationConstraint as never } : undefined }));

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
