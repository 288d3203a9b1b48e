import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AccessDenied,
  type BucketLocationConstraint,
  BucketAlreadyExists,
  BucketAlreadyOwnedByYou,
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteBucketCorsCommand,
  DeleteBucketOwnershipControlsCommand,
  DeleteBucketPolicyCommand,
  DeleteBucketTaggingCommand,
  DeleteBucketWebsiteCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  DeletePublicAccessBlockCommand,
  GetBucketCorsCommand,
  GetBucketLocationCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetBucketWebsiteCommand,
  GetObjectCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  NoSuchBucket,
  NoSuchKey,
  NotFound,
  PutBucketAclCommand,
  PutBucketCorsCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutBucketWebsiteCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { CreateRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { createClients, destroyClients } from '../../../aws/clients.js';
import { startTestCloud, type TestCloud } from '../../../../test/helpers/cloud.js';
import { objectUrl, websiteUrl } from './urls.js';

const REGION = 'ap-northeast-2';
const FOREIGN_BUCKET = 'someone-elses-bucket';
const IN_REGION = { CreateBucketConfiguration: { LocationConstraint: REGION } } as const;
const OPEN = { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false };
/** The edge reads the SigV4 scope, not the signature: enough to make a raw request a signed one. */
const FAKE_SIGNATURE = `AWS4-HMAC-SHA256 Credential=test/20260101/${REGION}/s3/aws4_request, SignedHeaders=host, Signature=0`;

const publicRead = (bucket: string, resource = `arn:aws:s3:::${bucket}/*`) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: resource }] });

const md5 = (s: string) => `"${createHash('md5').update(s).digest('hex')}"`;

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http rather than fetch: fetch may not set the Host header, which virtual hosts are about. */
function raw(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

async function rejection(p: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the call to fail');
}

describe('s3 (own implementation, strict mode)', () => {
  let t: TestCloud;
  let s3: S3Client;
  let endpoint: string;

  /** A bucket in REGION; `open` turns the public access block off, as the stack does for its site bucket. */
  async function bucket(name: string, open = false) {
    await s3.send(new CreateBucketCommand({ Bucket: name, ...IN_REGION }));
    if (open) await s3.send(new PutPublicAccessBlockCommand({ Bucket: name, PublicAccessBlockConfiguration: OPEN }));
    return name;
  }
  const put = (Bucket: string, Key: string, Body: string, ContentType?: string) => s3.send(new PutObjectCommand({ Bucket, Key, Body, ContentType }));

  beforeAll(async () => {
    // A lifted public access block applies at once here; its propagation delay is test/strict/bucket.test.ts's.
    t = await startTestCloud({ strict: true, foreignBucketNames: [FOREIGN_BUCKET], timings: { rolePropagationMs: 0, publicAccessPropagationMs: 0 } }, REGION);
    s3 = t.clients.s3;
    endpoint = t.cloud.endpoint;
  });
  afterAll(() => t.stop());

  describe('buckets', () => {
    it('applies the LocationConstraint rules of the regional endpoint', async () => {
      await bucket('loc-ok');
      expect((await s3.send(new GetBucketLocationCommand({ Bucket: 'loc-ok' }))).LocationConstraint).toBe(REGION);
      // The JS SDK fills in the client's region when LocationConstraint is left out, so this one goes raw.
      const missing = await raw(`${endpoint}/loc-missing`, { method: 'PUT', headers: { authorization: FAKE_SIGNATURE } });
      expect([missing.status, missing.body]).toEqual([
        400,
        expect.stringContaining('<Code>IllegalLocationConstraintException</Code><Message>The unspecified location constraint'),
      ]);
      const mismatched = await rejection(
        s3.send(new CreateBucketCommand({ Bucket: 'loc-bad', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } })),
      );
      expect(mismatched.message).toBe('The eu-west-1 location constraint is incompatible for the region specific endpoint this request was sent to.');

      const east = createClients({ region: 'us-east-1', endpoint, maxAttempts: 1 });
      try {
        const explicit = await rejection(
          east.s3.send(
            new CreateBucketCommand({ Bucket: 'east-bucket', CreateBucketConfiguration: { LocationConstraint: 'us-east-1' as BucketLocationConstraint } }),
          ),
        );
        expect(explicit.name).toBe('InvalidLocationConstraint');
        await east.s3.send(new CreateBucketCommand({ Bucket: 'east-bucket' }));
        // us-east-1 answers 200 to re-creating your own bucket; other regions say BucketAlreadyOwnedByYou.
        await east.s3.send(new CreateBucketCommand({ Bucket: 'east-bucket' }));
        expect((await east.s3.send(new GetBucketLocationCommand({ Bucket: 'east-bucket' }))).LocationConstraint).toBeFalsy();
      } finally {
        destroyClients(east);
      }
      await expect(s3.send(new CreateBucketCommand({ Bucket: 'loc-ok', ...IN_REGION }))).rejects.toBeInstanceOf(BucketAlreadyOwnedByYou);
    });

    it('models buckets of other accounts and refuses invalid names', async () => {
      await expect(s3.send(new CreateBucketCommand({ Bucket: FOREIGN_BUCKET, ...IN_REGION }))).rejects.toBeInstanceOf(BucketAlreadyExists);
      const head = await rejection(s3.send(new HeadBucketCommand({ Bucket: FOREIGN_BUCKET })));
      expect(head.$metadata?.httpStatusCode).toBe(403);
      await expect(s3.send(new GetObjectCommand({ Bucket: FOREIGN_BUCKET, Key: 'k' }))).rejects.toBeInstanceOf(AccessDenied);
      for (const name of ['ab', 'Upper-Case', 'under_score', '192.168.1.1', 'a..b', '-dash-first']) {
        expect((await rejection(s3.send(new CreateBucketCommand({ Bucket: name, ...IN_REGION })))).name).toBe('InvalidBucketName');
      }
    });

    it('heads, lists by prefix and deletes buckets', async () => {
      await bucket('list-me-1');
      await bucket('list-me-2');
      const head = await s3.send(new HeadBucketCommand({ Bucket: 'list-me-1' }));
      expect(head.BucketRegion).toBe(REGION);
      await expect(s3.send(new HeadBucketCommand({ Bucket: 'no-such-bucket' }))).rejects.toBeInstanceOf(NotFound);
      const listed = await s3.send(new ListBucketsCommand({ Prefix: 'list-me-' }));
      expect(listed.Buckets?.map((b) => [b.Name, b.BucketRegion])).toEqual([
        ['list-me-1', REGION],
        ['list-me-2', REGION],
      ]);
      const firstPage = await s3.send(new ListBucketsCommand({ Prefix: 'list-me-', MaxBuckets: 1 }));
      const secondPage = await s3.send(new ListBucketsCommand({ Prefix: 'list-me-', MaxBuckets: 1, ContinuationToken: firstPage.ContinuationToken }));
      expect([firstPage.Buckets?.[0].Name, secondPage.Buckets?.[0].Name, secondPage.ContinuationToken]).toEqual(['list-me-1', 'list-me-2', undefined]);
      await s3.send(new DeleteBucketCommand({ Bucket: 'list-me-2' }));
      await expect(s3.send(new DeleteBucketCommand({ Bucket: 'list-me-2' }))).rejects.toBeInstanceOf(NoSuchBucket);
      await expect(s3.send(new ListObjectsV2Command({ Bucket: 'list-me-2' }))).rejects.toBeInstanceOf(NoSuchBucket);
    });
  });

  describe('objects', () => {
    beforeAll(() => bucket('objects'));

    it('round-trips body, Content-Type, Cache-Control and metadata with an MD5 ETag', async () => {
      const body = '{"requests":0,"processed":0,"success":0}';
      const putResult = await s3.send(
        new PutObjectCommand({
          Bucket: 'objects',
          Key: 'stats.json',
          Body: body,
          ContentType: 'application/json',
          CacheControl: 'no-cache',
          Metadata: { source: 'seed' },
        }),
      );
      expect(putResult.ETag).toBe(md5(body));
      const got = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'stats.json' }));
      expect(await got.Body?.transformToString()).toBe(body);
      expect(got).toMatchObject({
        ContentType: 'application/json',
        CacheControl: 'no-cache',
        Metadata: { source: 'seed' },
        ETag: md5(body),
        ContentLength: body.length,
      });
      const head = await s3.send(new HeadObjectCommand({ Bucket: 'objects', Key: 'stats.json' }));
      expect(head).toMatchObject({ ContentLength: body.length, ETag: md5(body), ContentType: 'application/json' });
      const notModified = await rejection(s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'stats.json', IfNoneMatch: md5(body) })));
      expect(notModified.$metadata?.httpStatusCode).toBe(304);
    });

    it('answers missing keys with the typed NoSuchKey / NotFound errors', async () => {
      const err = await rejection(s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'nothing/here' })));
      expect(err).toBeInstanceOf(NoSuchKey);
      expect(err).toMatchObject({ Key: 'nothing/here' });
      await expect(s3.send(new HeadObjectCommand({ Bucket: 'objects', Key: 'nothing/here' }))).rejects.toBeInstanceOf(NotFound);
      await expect(s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'stats.json', ExpectedBucketOwner: '111122223333' }))).rejects.toBeInstanceOf(
        AccessDenied,
      );
      await s3.send(new DeleteObjectCommand({ Bucket: 'objects', Key: 'nothing/here' }));
    });

    it('lists with prefix, delimiter, max-keys and continuation tokens', async () => {
      await bucket('listing');
      const keys = ['a/1', 'a/2', 'b', 'c/x/y', 'c/z', 'd e'];
      for (const key of keys) await put('listing', key, key);
      const rolled = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', Delimiter: '/' }));
      expect(rolled.Contents?.map((o) => o.Key)).toEqual(['b', 'd e']);
      expect(rolled.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['a/', 'c/']);
      expect(rolled.KeyCount).toBe(4);
      const nested = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', Prefix: 'c/', Delimiter: '/' }));
      expect([nested.Contents?.map((o) => o.Key), nested.CommonPrefixes?.map((p) => p.Prefix)]).toEqual([['c/z'], ['c/x/']]);
      const seen: string[] = [];
      let token: string | undefined;
      do {
        const page = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', MaxKeys: 2, ContinuationToken: token }));
        expect(page.Contents!.length).toBeLessThanOrEqual(2);
        seen.push(...page.Contents!.map((o) => o.Key!));
        token = page.NextContinuationToken;
        expect(page.IsTruncated).toBe(token !== undefined);
      } while (token);
      expect(seen).toEqual(keys);
      const after = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', StartAfter: 'b' }));
      expect(after.Contents?.map((o) => o.Key)).toEqual(['c/x/y', 'c/z', 'd e']);
    });

    it('deletes many objects at once, quietly or not', async () => {
      await bucket('bulk');
      for (const key of ['k1', 'k2', 'k3']) await put('bulk', key, key);
      const loud = await s3.send(new DeleteObjectsCommand({ Bucket: 'bulk', Delete: { Objects: [{ Key: 'k1' }, { Key: 'never-was' }] } }));
      expect(loud.Deleted?.map((d) => d.Key)).toEqual(['k1', 'never-was']);
      const quiet = await s3.send(new DeleteObjectsCommand({ Bucket: 'bulk', Delete: { Quiet: true, Objects: [{ Key: 'k2' }, { Key: 'k3' }] } }));
      expect(quiet.Deleted ?? []).toEqual([]);
      expect((await s3.send(new ListObjectsV2Command({ Bucket: 'bulk' }))).KeyCount).toBe(0);
    });

    it('decodes aws-chunked streaming uploads', async () => {
      const frames = '5;chunk-signature=aa\r\nhello\r\n6;chunk-signature=bb\r\n world\r\n0;chunk-signature=cc\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n';
      const res = await raw(`${endpoint}/objects/chunked.txt`, {
        method: 'PUT',
        headers: {
          authorization: FAKE_SIGNATURE,
          'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
          'content-encoding': 'aws-chunked',
          'x-amz-decoded-content-length': '11',
        },
        body: frames,
      });
      expect(res.status).toBe(200);
      const got = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'chunked.txt' }));
      expect(await got.Body?.transformToString()).toBe('hello world');
      expect(got.ContentEncoding).toBeUndefined();
    });

    it('serves virtual-hosted requests (<bucket>.s3.localhost)', async () => {
      await put('objects', 'vhost.txt', 'by host');
      const port = new URL(endpoint).port;
      const res = await raw(`${endpoint}/vhost.txt`, { headers: { host: `objects.s3.${REGION}.localhost:${port}`, authorization: FAKE_SIGNATURE } });
      expect([res.status, res.body]).toEqual([200, 'by host']);
    });
  });

  describe('versioning', () => {
    it('keeps versions, hides deleted keys behind delete markers, and can be emptied version by version', async () => {
      await bucket('versioned');
      expect((await s3.send(new GetBucketVersioningCommand({ Bucket: 'versioned' }))).Status).toBeUndefined();
      await s3.send(new PutBucketVersioningCommand({ Bucket: 'versioned', VersioningConfiguration: { Status: 'Enabled' } }));
      expect((await s3.send(new GetBucketVersioningCommand({ Bucket: 'versioned' }))).Status).toBe('Enabled');
      const v1 = await put('versioned', 'stats.json', 'one');
      const v2 = await put('versioned', 'stats.json', 'two');
      expect(v1.VersionId).toBeTruthy();
      expect(v2.VersionId).not.toBe(v1.VersionId);
      const old = await s3.send(new GetObjectCommand({ Bucket: 'versioned', Key: 'stats.json', VersionId: v1.VersionId }));
      expect(await old.Body?.transformToString()).toBe('one');

      const deleted = await s3.send(new DeleteObjectCommand({ Bucket: 'versioned', Key: 'stats.json' }));
      expect(deleted.DeleteMarker).toBe(true);
      await expect(s3.send(new GetObjectCommand({ Bucket: 'versioned', Key: 'stats.json' }))).rejects.toBeInstanceOf(NoSuchKey);
      expect((await s3.send(new ListObjectsV2Command({ Bucket: 'versioned' }))).KeyCount).toBe(0);
      const listed = await s3.send(new ListObjectVersionsCommand({ Bucket: 'versioned' }));
      expect(listed.Versions?.map((v) => [v.VersionId, v.IsLatest])).toEqual([
        [v2.VersionId, false],
        [v1.VersionId, false],
      ]);
      expect(listed.DeleteMarkers?.map((m) => [m.VersionId, m.IsLatest])).toEqual([[deleted.VersionId, true]]);

      const notEmpty = await rejection(s3.send(new DeleteBucketCommand({ Bucket: 'versioned' })));
      expect(notEmpty).toMatchObject({ name: 'BucketNotEmpty', $metadata: { httpStatusCode: 409 } });

      // What `down` does: page through every version and delete marker, then delete them by id.
      const all: { Key: string; VersionId: string }[] = [];
      let markers: { KeyMarker?: string; VersionIdMarker?: string } = {};
      for (;;) {
        const page = await s3.send(new ListObjectVersionsCommand({ Bucket: 'versioned', MaxKeys: 1, ...markers }));
        for (const v of [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]) all.push({ Key: v.Key!, VersionId: v.VersionId! });
        if (!page.IsTruncated) break;
        markers = { KeyMarker: page.NextKeyMarker, VersionIdMarker: page.NextVersionIdMarker };
      }
      expect(all).toHaveLength(3);
      await s3.send(new DeleteObjectsCommand({ Bucket: 'versioned', Delete: { Objects: all } }));
      await s3.send(new DeleteBucketCommand({ Bucket: 'versioned' }));
    });

    it('replaces the null version while versioning is suspended', async () => {
      await bucket('suspended');
      await s3.send(new PutBucketVersioningCommand({ Bucket: 'suspended', VersioningConfiguration: { Status: 'Suspended' } }));
      await put('suspended', 'k', 'first');
      await put('suspended', 'k', 'second');
      const listed = await s3.send(new ListObjectVersionsCommand({ Bucket: 'suspended' }));
      expect(listed.Versions?.map((v) => v.VersionId)).toEqual(['null']);
      const got = await s3.send(new GetObjectCommand({ Bucket: 'suspended', Key: 'k' }));
      expect([await got.Body?.transformToString(), got.VersionId]).toEqual(['second', 'null']);
    });
  });

  describe('copy', () => {
    const copy = (Bucket: string, Key: string, CopySource: string, extra: Partial<ConstructorParameters<typeof CopyObjectCommand>[0]> = {}) =>
      s3.send(new CopyObjectCommand({ Bucket, Key, CopySource, ...extra }));
    beforeAll(async () => {
      await bucket('copy-from');
      await bucket('copy-to');
      await s3.send(
        new PutObjectCommand({
          Bucket: 'copy-from',
          Key: 'in/stats 해.json',
          Body: '{"n":1}',
          ContentType: 'application/json',
          ContentLanguage: 'en-US',
          Metadata: { source: 'seed' },
        }),
      );
    });
    const SOURCE = `copy-from/${encodeURIComponent('in/stats 해.json')}`;

    it('copies within a bucket and across buckets, keeping Content-Type, headers and metadata (COPY)', async () => {
      for (const [Bucket, Key] of [
        ['copy-from', 'out/same-bucket.json'],
        ['copy-to', 'other-bucket.json'],
      ]) {
        const out = await copy(Bucket, Key, SOURCE);
        expect(out.CopyObjectResult).toMatchObject({ ETag: md5('{"n":1}'), ChecksumType: 'FULL_OBJECT' });
        expect(out.CopyObjectResult?.LastModified).toBeInstanceOf(Date);
        expect([out.ServerSideEncryption, out.VersionId, out.CopySourceVersionId]).toEqual(['AES256', undefined, undefined]);
        const got = await s3.send(new GetObjectCommand({ Bucket, Key }));
        expect(await got.Body?.transformToString()).toBe('{"n":1}');
        expect(got).toMatchObject({ ContentType: 'application/json', ContentLanguage: 'en-US', Metadata: { source: 'seed' } });
      }
      // `+` for a space, as Go encodes it; a leading slash is allowed.
      await copy('copy-to', 'plus.json', '/copy-from/in/stats+%ED%95%B4.json');
      expect((await s3.send(new HeadObjectCommand({ Bucket: 'copy-to', Key: 'plus.json' }))).ContentLength).toBe(7);
    });

    it('replaces Content-Type, headers and metadata with REPLACE, and copies onto itself only so', async () => {
      await copy('copy-to', 'replaced.json', SOURCE, { MetadataDirective: 'REPLACE', ContentType: 'image/jpg', Metadata: { another: 'value' } });
      const head = await s3.send(new HeadObjectCommand({ Bucket: 'copy-to', Key: 'replaced.json' }));
      expect([head.ContentType, head.ContentLanguage, head.Metadata]).toEqual(['image/jpg', undefined, { another: 'value' }]);

      const illegal = await rejection(copy('copy-to', 'replaced.json', 'copy-to/replaced.json'));
      expect(illegal).toMatchObject({ name: 'InvalidRequest', $metadata: { httpStatusCode: 400 } });
      expect(illegal.message).toMatch(/^This copy request is illegal because it is trying to copy an object to itself without changing/);
      await copy('copy-to', 'replaced.json', 'copy-to/replaced.json', { MetadataDirective: 'REPLACE' });
      const again = await s3.send(new HeadObjectCommand({ Bucket: 'copy-to', Key: 'replaced.json' }));
      expect([again.ContentType, again.Metadata]).toEqual(['binary/octet-stream', {}]);
    });

    it('answers NoSuchKey, NoSuchBucket and InvalidArgument as S3 does', async () => {
      const noKey = await rejection(copy('copy-to', 'k', 'copy-from/missing.json'));
      expect(noKey).toBeInstanceOf(NoSuchKey);
      expect(noKey).toMatchObject({ Key: 'missing.json', $metadata: { httpStatusCode: 404 } });
      const noSource = await rejection(copy('copy-to', 'k', 'no-such-source-bucket/k'));
      expect(noSource).toBeInstanceOf(NoSuchBucket);
      expect(noSource).toMatchObject({ BucketName: 'no-such-source-bucket', $metadata: { httpStatusCode: 404 } });
      await expect(copy('no-such-target-bucket', 'k', SOURCE)).rejects.toBeInstanceOf(NoSuchBucket);
      await expect(copy('copy-to', 'k', `${FOREIGN_BUCKET}/k`)).rejects.toBeInstanceOf(AccessDenied);
      const wrong = await rejection(copy('copy-to', 'k', 'wrongformat'));
      expect(wrong).toMatchObject({ name: 'InvalidArgument', message: 'Invalid copy source object key', $metadata: { httpStatusCode: 400 } });
    });

    it('copies named versions and answers the version ids', async () => {
      await bucket('copy-versioned');
      await s3.send(new PutBucketVersioningCommand({ Bucket: 'copy-versioned', VersioningConfiguration: { Status: 'Enabled' } }));
      const v1 = await put('copy-versioned', 'k', 'one');
      await put('copy-versioned', 'k', 'two');
      const copied = await copy('copy-versioned', 'k', `copy-versioned/k?versionId=${v1.VersionId}`);
      expect(copied.CopySourceVersionId).toBe(v1.VersionId);
      expect(copied.VersionId).toMatch(/.{16,}/);
      expect(await (await s3.send(new GetObjectCommand({ Bucket: 'copy-versioned', Key: 'k' }))).Body?.transformToString()).toBe('one');
      const marker = await s3.send(new DeleteObjectCommand({ Bucket: 'copy-versioned', Key: 'k' }));
      await expect(copy('copy-to', 'k', 'copy-versioned/k')).rejects.toBeInstanceOf(NoSuchKey);
      const onMarker = await rejection(copy('copy-to', 'k', `copy-versioned/k?versionId=${marker.VersionId}`));
      expect(onMarker).toMatchObject({
        name: 'InvalidRequest',
        message: 'The source of a copy request may not specifically refer to a delete marker by version id.',
      });
    });

    it('needs s3:GetObject on the source and s3:PutObject on the target for a role session', async () => {
      const trust = JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      });
      const { Role } = await t.clients.iam.send(new CreateRoleCommand({ RoleName: 's3-copier', AssumeRolePolicyDocument: trust }));
      const allow = (Action: string, Resource: string) =>
        t.clients.iam.send(
          new PutRolePolicyCommand({
            RoleName: 's3-copier',
            PolicyName: Action.replace(':', '-'),
            PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action, Resource }] }),
          }),
        );
      await allow('s3:PutObject', 'arn:aws:s3:::copy-to/*');
      const credentials = t.cloud.api('iam').sessionCredentials(Role!.Arn!, 'copier');
      const asRole = new S3Client({ region: REGION, endpoint, forcePathStyle: true, credentials, maxAttempts: 1 });
      const send = (Key: string) => asRole.send(new CopyObjectCommand({ Bucket: 'copy-to', Key, CopySource: SOURCE }));
      try {
        const denied = await rejection(send('by-role.json'));
        expect(denied).toBeInstanceOf(AccessDenied);
        expect(denied.message).toMatch(
          /assumed-role\/s3-copier\/copier is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::copy-from\/in\/stats/,
        );
        // The source bucket's policy may grant the read instead of the role's own policies.
        const grant = JSON.stringify({
          Statement: [{ Effect: 'Allow', Principal: { AWS: Role!.Arn }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::copy-from/*' }],
        });
        await s3.send(new PutBucketPolicyCommand({ Bucket: 'copy-from', Policy: grant }));
        expect((await send('by-role.json')).CopyObjectResult?.ETag).toBe(md5('{"n":1}'));
        await s3.send(new DeleteBucketPolicyCommand({ Bucket: 'copy-from' }));
        await allow('s3:GetObject', 'arn:aws:s3:::copy-from/*');
        await send('by-role-2.json');
        const noPut = await rejection(asRole.send(new CopyObjectCommand({ Bucket: 'copy-from', Key: 'back.json', CopySource: SOURCE })));
        expect(noPut.message).toMatch(/not authorized to perform: s3:PutObject on resource: arn:aws:s3:::copy-from\/back.json/);
      } finally {
        asRole.destroy();
      }
    });
  });

  describe('public access block, ownership and bucket policy', () => {
    it('gives new buckets all four public access blocks and BucketOwnerEnforced (strict mode)', async () => {
      await bucket('defaults');
      const block = await s3.send(new GetPublicAccessBlockCommand({ Bucket: 'defaults' }));
      expect(block.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      });
      const ownership = await s3.send(new GetBucketOwnershipControlsCommand({ Bucket: 'defaults' }));
      expect(ownership.OwnershipControls?.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
    });

    it('refuses a public policy while BlockPublicPolicy is on, accepts it once the block is off', async () => {
      await bucket('blocked');
      const refused = await rejection(s3.send(new PutBucketPolicyCommand({ Bucket: 'blocked', Policy: publicRead('blocked') })));
      expect(refused).toBeInstanceOf(AccessDenied);
      expect(refused.message).toBe(
        'User: arn:aws:iam::000000000000:root is not authorized to perform: s3:PutBucketPolicy on resource: "arn:aws:s3:::blocked" because public policies are blocked by the BlockPublicPolicy block public access setting.',
      );
      // A grant to everyone restricted to fixed source addresses is not public.
      const restricted = JSON.stringify({
        Statement: [
          {
            Effect: 'Allow',
            Principal: '*',
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::blocked/*',
            Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
          },
        ],
      });
      await s3.send(new PutBucketPolicyCommand({ Bucket: 'blocked', Policy: restricted }));
      expect((await s3.send(new GetBucketPolicyStatusCommand({ Bucket: 'blocked' }))).PolicyStatus?.IsPublic).toBe(false);

      await s3.send(new DeletePublicAccessBlockCommand({ Bucket: 'blocked' }));
      expect((await rejection(s3.send(new GetPublicAccessBlockCommand({ Bucket: 'blocked' })))).name).toBe('NoSuchPublicAccessBlockConfiguration');
      await s3.send(new PutBucketPolicyCommand({ Bucket: 'blocked', Policy: publicRead('blocked') }));
      expect((await s3.send(new GetBucketPolicyCommand({ Bucket: 'blocked' }))).Policy).toBe(publicRead('blocked'));
      expect((await s3.send(new GetBucketPolicyStatusCommand({ Bucket: 'blocked' }))).PolicyStatus?.IsPublic).toBe(true);
      await s3.send(new DeleteBucketPolicyCommand({ Bucket: 'blocked' }));
      expect((await rejection(s3.send(new GetBucketPolicyCommand({ Bucket: 'blocked' })))).name).toBe('NoSuchBucketPolicy');
    });

    it('validates policies (MalformedPolicy)', async () => {
      await bucket('malformed', true);
      for (const policy of ['not json', JSON.stringify({ Statement: [] }), publicRead('malformed', 'arn:aws:s3:::another-bucket/*')]) {
        expect((await rejection(s3.send(new PutBucketPolicyCommand({ Bucket: 'malformed', Policy: policy })))).name).toBe('MalformedPolicy');
      }
    });

    it('lets anonymous callers read only what the policy grants, unless RestrictPublicBuckets', async () => {
      await bucket('public-site', true);
      await put('public-site', 'stats.json', '{"processed":1}', 'application/json');
      await put('public-site', 'private/secret.txt', 'secret');
      const stats = objectUrl(endpoint, 'public-site', 'stats.json');
      expect((await fetch(stats)).status).toBe(403);
      await s3.send(new PutBucketPolicyCommand({ Bucket: 'public-site', Policy: publicRead('public-site', 'arn:aws:s3:::public-site/stats*') }));
      const ok = await fetch(stats);
      expect([ok.status, ok.headers.get('content-type'), await ok.text()]).toEqual([200, 'application/json', '{"processed":1}']);
      expect((await fetch(objectUrl(endpoint, 'public-site', 'private/secret.txt'))).status).toBe(403);
      expect((await fetch(stats, { method: 'PUT', body: 'x' })).status).toBe(403);
      // Without s3:ListBucket a missing key is AccessDenied, not NoSuchKey.
      expect((await fetch(objectUrl(endpoint, 'public-site', 'stats-missing.json'))).status).toBe(403);

      await s3.send(new PutPublicAccessBlockCommand({ Bucket: 'public-site', PublicAccessBlockConfiguration: { ...OPEN, RestrictPublicBuckets: true } }));
      const restricted = await fetch(stats);
      expect([restricted.status, await restricted.text()]).toEqual([403, expect.stringContaining('<Code>AccessDenied</Code>')]);
      await s3.send(new PutPublicAccessBlockCommand({ Bucket: 'public-site', PublicAccessBlockConfiguration: OPEN }));
      expect((await fetch(stats)).status).toBe(200);
    });

    it('applies an explicit Deny even to the account root, except on the policy itself', async () => {
      await bucket('deny-all', true);
      const denyAll = JSON.stringify({
        Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::deny-all', 'arn:aws:s3:::deny-all/*'] }],
      });
      await s3.send(new PutBucketPolicyCommand({ Bucket: 'deny-all', Policy: denyAll }));
      await expect(put('deny-all', 'k', 'v')).rejects.toBeInstanceOf(AccessDenied);
      await s3.send(new DeleteBucketPolicyCommand({ Bucket: 'deny-all' }));
      await put('deny-all', 'k', 'v');
    });

    it('refuses ACLs while the bucket enforces ownership, and public ACLs while BlockPublicAcls is on', async () => {
      await bucket('acls');
      const refused = await rejection(s3.send(new PutObjectCommand({ Bucket: 'acls', Key: 'k', Body: 'v', ACL: 'public-read' })));
      expect(refused).toMatchObject({ name: 'AccessControlListNotSupported', message: 'The bucket does not allow ACLs', $metadata: { httpStatusCode: 400 } });
      await s3.send(new PutObjectCommand({ Bucket: 'acls', Key: 'k', Body: 'v', ACL: 'bucket-owner-full-control' }));
      expect((await rejection(s3.send(new PutBucketAclCommand({ Bucket: 'acls', ACL: 'private' })))).name).toBe('AccessControlListNotSupported');

      await s3.send(new PutBucketOwnershipControlsCommand({ Bucket: 'acls', OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] } }));
      await expect(s3.send(new PutObjectCommand({ Bucket: 'acls', Key: 'k', Body: 'v', ACL: 'public-read' }))).rejects.toBeInstanceOf(AccessDenied);
      await s3.send(new PutObjectCommand({ Bucket: 'acls', Key: 'k', Body: 'v', ACL: 'private' }));
      await s3.send(new DeleteBucketOwnershipControlsCommand({ Bucket: 'acls' }));
      expect((await rejection(s3.send(new GetBucketOwnershipControlsCommand({ Bucket: 'acls' })))).name).toBe('OwnershipControlsNotFoundError');
    });

    it('checks role sessions against their IAM policies, and lets a bucket policy grant them more', async () => {
      await bucket('role-target');
      const trust = JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      });
      const { Role } = await t.clients.iam.send(new CreateRoleCommand({ RoleName: 's3-writer', AssumeRolePolicyDocument: trust }));
      const identity = JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::role-target/stats.json' }],
      });
      await t.clients.iam.send(new PutRolePolicyCommand({ RoleName: 's3-writer', PolicyName: 'stats', PolicyDocument: identity }));
      const credentials = t.cloud.api('iam').sessionCredentials(Role!.Arn!, 'consumer');
      const asRole = new S3Client({ region: REGION, endpoint, forcePathStyle: true, credentials, maxAttempts: 1 });
      try {
        await asRole.send(new PutObjectCommand({ Bucket: 'role-target', Key: 'stats.json', Body: '{}' }));
        const denied = await rejection(asRole.send(new PutObjectCommand({ Bucket: 'role-target', Key: 'other.json', Body: '{}' })));
        expect(denied).toBeInstanceOf(AccessDenied);
        expect(denied.message).toMatch(/assumed-role\/s3-writer\/consumer is not authorized to perform: s3:PutObject/);
        await expect(asRole.send(new GetObjectCommand({ Bucket: 'role-target', Key: 'stats.json' }))).rejects.toBeInstanceOf(AccessDenied);
        const grant = JSON.stringify({
          Statement: [{ Effect: 'Allow', Principal: { AWS: Role!.Arn }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::role-target/*' }],
        });
        await s3.send(new PutBucketPolicyCommand({ Bucket: 'role-target', Policy: grant }));
        expect(await (await asRole.send(new GetObjectCommand({ Bucket: 'role-target', Key: 'stats.json' }))).Body?.transformToString()).toBe('{}');
      } finally {
        asRole.destroy();
      }
    });
  });

  describe('CORS', () => {
    const rules = [{ AllowedOrigins: ['*'], AllowedMethods: ['GET'], AllowedHeaders: ['*'], ExposeHeaders: ['ETag'], MaxAgeSeconds: 3000 }];

    it('stores, returns and deletes the configuration, validating methods', async () => {
      await bucket('cors-config');
      expect((await rejection(s3.send(new GetBucketCorsCommand({ Bucket: 'cors-config' })))).name).toBe('NoSuchCORSConfiguration');
      await s3.send(new PutBucketCorsCommand({ Bucket: 'cors-config', CORSConfiguration: { CORSRules: rules } }));
      expect((await s3.send(new GetBucketCorsCommand({ Bucket: 'cors-config' }))).CORSRules).toEqual(rules);
      const bad = await rejection(
        s3.send(new PutBucketCorsCommand({ Bucket: 'cors-config', CORSConfiguration: { CORSRules: [{ ...rules[0], AllowedMethods: ['PATCH'] }] } })),
      );
      expect(bad).toMatchObject({ name: 'InvalidRequest', message: 'Found unsupported HTTP method in CORS config. Unsupported method is PATCH' });
      await s3.send(new DeleteBucketCorsCommand({ Bucket: 'cors-config' }));
      expect((await rejection(s3.send(new GetBucketCorsCommand({ Bucket: 'cors-config' })))).name).toBe('NoSuchCORSConfiguration');
    });

    it('answers preflights from the rules and exposes ETag on GETs with an Origin', async () => {
      await bucket('cors-site', true);
      const url = objectUrl(endpoint, 'cors-site', 'stats.json');
      const preflight = (method: string, extra: Record<string, string> = {}) =>
        fetch(url, { method: 'OPTIONS', headers: { origin: 'http://page.localhost:8080', 'access-control-request-method': method, ...extra } });
      const disabled = await preflight('GET');
      expect([disabled.status, await disabled.text()]).toEqual([403, expect.stringContaining('CORSResponse: CORS is not enabled for this bucket.')]);

      await s3.send(new PutBucketCorsCommand({ Bucket: 'cors-site', CORSConfiguration: { CORSRules: rules } }));
      const allowed = await preflight('GET', { 'access-control-request-headers': 'Content-Type' });
      expect(allowed.status).toBe(200);
      expect(Object.fromEntries([...allowed.headers].filter(([name]) => name.startsWith('access-control-')))).toEqual({
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'GET',
        'access-control-allow-headers': 'content-type',
        'access-control-expose-headers': 'ETag',
        'access-control-max-age': '3000',
      });
      const refused = await preflight('PUT');
      expect(refused.status).toBe(403);
      expect(await refused.text()).toMatch(/<Code>AccessForbidden<\/Code><Message>CORSResponse: This CORS request is not allowed/);
      expect((await fetch(url, { method: 'OPTIONS' })).status).toBe(400);

      await put('cors-site', 'stats.json', '{}', 'application/json');
      await s3.send(new PutBucketPolicyCommand({ Bucket: 'cors-site', Policy: publicRead('cors-site') }));
      const got = await fetch(url, { headers: { origin: 'http://page.localhost:8080' } });
      expect(got.status).toBe(200);
      expect(got.headers.get('access-control-allow-origin')).toBe('*');
      expect(got.headers.get('access-control-expose-headers')).toBe('ETag');
      expect(got.headers.get('etag')).toBe(md5('{}'));
      expect((await fetch(url)).headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('website', () => {
    const SITE = 'aram-app-bucket';
    beforeAll(async () => {
      await bucket(SITE, true);
      await s3.send(new PutBucketPolicyCommand({ Bucket: SITE, Policy: publicRead(SITE) }));
      await put(SITE, 'index.html', '<h1>예매</h1>', 'text/html; charset=utf-8');
      await put(SITE, 'app.js', 'console.log(1)', 'text/javascript');
      await put(SITE, 'docs/index.html', '<p>docs</p>', 'text/html');
    });

    it('stores, returns and deletes the website configuration', async () => {
      await bucket('site-config');
      expect((await rejection(s3.send(new GetBucketWebsiteCommand({ Bucket: 'site-config' })))).name).toBe('NoSuchWebsiteConfiguration');
      const config = { IndexDocument: { Suffix: 'index.html' }, ErrorDocument: { Key: 'error.html' } };
      await s3.send(new PutBucketWebsiteCommand({ Bucket: 'site-config', WebsiteConfiguration: config }));
      expect(await s3.send(new GetBucketWebsiteCommand({ Bucket: 'site-config' }))).toMatchObject(config);
      const badSuffix = await rejection(
        s3.send(new PutBucketWebsiteCommand({ Bucket: 'site-config', WebsiteConfiguration: { IndexDocument: { Suffix: 'a/b.html' } } })),
      );
      expect(badSuffix.name).toBe('InvalidArgument');
      await s3.send(new DeleteBucketWebsiteCommand({ Bucket: 'site-config' }));
      expect((await rejection(s3.send(new GetBucketWebsiteCommand({ Bucket: 'site-config' })))).name).toBe('NoSuchWebsiteConfiguration');
    });

    it('serves the index document, objects with their Content-Type, and folder indexes', async () => {
      const home = websiteUrl(endpoint, SITE);
      expect((await raw(`${endpoint}/_website/${SITE}/`)).status).toBe(404);
      await s3.send(new PutBucketWebsiteCommand({ Bucket: SITE, WebsiteConfiguration: { IndexDocument: { Suffix: 'index.html' } } }));
      const index = await fetch(home);
      expect([index.status, index.headers.get('content-type'), await index.text()]).toEqual([200, 'text/html; charset=utf-8', '<h1>예매</h1>']);
      const script = await fetch(`${home}app.js`);
      expect([script.status, script.headers.get('content-type')]).toEqual([200, 'text/javascript']);
      expect(await (await fetch(`${home}docs/`)).text()).toBe('<p>docs</p>');
      const folder = await raw(`${home}docs`);
      expect([folder.status, folder.headers.location]).toEqual([302, `/_website/${SITE}/docs/`]);
      const bare = await raw(home.slice(0, -1));
      expect([bare.status, bare.headers.location]).toEqual([302, `/_website/${SITE}/`]);
      expect((await raw(home, { method: 'POST' })).status).toBe(405);
    });

    it('answers missing pages with the error document or an S3-like HTML 404', async () => {
      const home = websiteUrl(endpoint, SITE);
      await s3.send(
        new PutBucketWebsiteCommand({ Bucket: SITE, WebsiteConfiguration: { IndexDocument: { Suffix: 'index.html' }, ErrorDocument: { Key: 'error.html' } } }),
      );
      const plain = await fetch(`${home}missing.html`);
      expect([plain.status, plain.headers.get('content-type')]).toEqual([404, 'text/html; charset=utf-8']);
      expect(await plain.text()).toContain('<li>Code: NoSuchKey</li>');
      await put(SITE, 'error.html', '<p>없음</p>', 'text/html');
      const custom = await fetch(`${home}missing.html`);
      expect([custom.status, await custom.text()]).toEqual([404, '<p>없음</p>']);
    });

    it('answers on <bucket>.s3-website.localhost hosts and refuses buckets that are not public', async () => {
      const port = new URL(endpoint).port;
      for (const host of [`${SITE}.s3-website.localhost:${port}`, `${SITE}.s3-website-${REGION}.localhost:${port}`, `${SITE}.s3-website.${REGION}.localhost`]) {
        const res = await raw(`${endpoint}/`, { headers: { host } });
        expect([res.status, res.body]).toEqual([200, '<h1>예매</h1>']);
      }
      await bucket('private-site');
      await s3.send(new PutBucketWebsiteCommand({ Bucket: 'private-site', WebsiteConfiguration: { IndexDocument: { Suffix: 'index.html' } } }));
      await put('private-site', 'index.html', 'hidden', 'text/html');
      const res = await fetch(websiteUrl(endpoint, 'private-site'));
      expect([res.status, await res.text()]).toEqual([403, expect.stringContaining('<li>Code: AccessDenied</li>')]);
    });
  });

  describe('tagging', () => {
    it('puts, gets and deletes bucket tags, refusing duplicates and system keys', async () => {
      await bucket('tagged');
      expect((await rejection(s3.send(new GetBucketTaggingCommand({ Bucket: 'tagged' })))).name).toBe('NoSuchTagSet');
      const TagSet = [
        { Key: 'app', Value: 'bus-cli' },
        { Key: 'stack', Value: 'aram' },
      ];
      await s3.send(new PutBucketTaggingCommand({ Bucket: 'tagged', Tagging: { TagSet } }));
      expect((await s3.send(new GetBucketTaggingCommand({ Bucket: 'tagged' }))).TagSet).toEqual(TagSet);
      for (const bad of [[TagSet[0], TagSet[0]], [{ Key: 'aws:reserved', Value: 'x' }]]) {
        expect((await rejection(s3.send(new PutBucketTaggingCommand({ Bucket: 'tagged', Tagging: { TagSet: bad } })))).name).toBe('InvalidTag');
      }
      await s3.send(new DeleteBucketTaggingCommand({ Bucket: 'tagged' }));
      expect((await rejection(s3.send(new GetBucketTaggingCommand({ Bucket: 'tagged' })))).name).toBe('NoSuchTagSet');
    });
  });
});

describe('s3 outside strict mode', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud({ strict: false });
  });
  afterAll(() => t.stop());

  it('creates buckets without public access blocks or ownership controls', async () => {
    await t.clients.s3.send(new CreateBucketCommand({ Bucket: 'lax', ...IN_REGION }));
    expect((await rejection(t.clients.s3.send(new GetPublicAccessBlockCommand({ Bucket: 'lax' })))).name).toBe('NoSuchPublicAccessBlockConfiguration');
    await t.clients.s3.send(new PutBucketPolicyCommand({ Bucket: 'lax', Policy: publicRead('lax') }));
    await t.clients.s3.send(new PutObjectCommand({ Bucket: 'lax', Key: 'page.html', Body: 'hi', ACL: 'public-read' }));
    expect(await (await fetch(objectUrl(t.cloud.endpoint, 'lax', 'page.html'))).text()).toBe('hi');
  });
});

describe('s3 urls', () => {
  it('builds website and object URLs on the edge', () => {
    expect(websiteUrl('http://127.0.0.1:4566/', 'aram-app-bucket')).toBe('http://127.0.0.1:4566/_website/aram-app-bucket/');
    expect(objectUrl('http://127.0.0.1:4566', 'aram-app-bucket', 'dir/a b+c.json')).toBe('http://127.0.0.1:4566/aram-app-bucket/dir/a%20b%2Bc.json');
  });
});
