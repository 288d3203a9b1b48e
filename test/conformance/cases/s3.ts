import {
  CreateBucketCommand,
  DeleteBucketCommand,
  GetBucketCorsCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetBucketWebsiteCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import type { Case } from '../types.js';
import { error, recorded } from './common.js';

const noSuchBucket = error('NoSuchBucket', 404);

export const S3_CASES: Case[] = [
  ...recorded('s3', 's3/test_s3', 'TestS3::test_create_bucket_head_bucket', [
    {
      id: 's3.create-bucket',
      run: (c, ctx) =>
        c.s3.send(new CreateBucketCommand({ Bucket: ctx.name(), CreateBucketConfiguration: { LocationConstraint: ctx.region as 'ap-northeast-2' } })),
      expect: { keys: ['BucketArn', 'Location'] },
    },
    {
      id: 's3.head-bucket',
      run: async (c, ctx) => {
        const Bucket = await ctx.bucket();
        const out = await c.s3.send(new HeadBucketCommand({ Bucket }));
        return { ...out, arnNamesTheBucket: out.BucketArn === `arn:aws:s3:::${Bucket}` };
      },
      expect: {
        keys: ['AccessPointAlias', 'BucketArn', 'BucketRegion', 'arnNamesTheBucket'],
        values: { AccessPointAlias: false, arnNamesTheBucket: true, BucketRegion: 'ap-northeast-2' },
      },
    },
    { id: 's3.head-bucket.missing', run: (c, ctx) => c.s3.send(new HeadBucketCommand({ Bucket: ctx.name('nope') })), expect: error('NotFound', 404) },
  ]),
  ...recorded('s3', 's3/test_s3', 'TestS3::test_different_location_constraint', [
    {
      id: 's3.create-bucket.other-region-location',
      run: (c, ctx) => c.s3.send(new CreateBucketCommand({ Bucket: ctx.name(), CreateBucketConfiguration: { LocationConstraint: 'us-west-1' } })),
      expect: error('IllegalLocationConstraintException', 400),
    },
  ]),
  ...recorded('s3', 's3/test_s3', 'TestS3::test_create_bucket_with_existing_name', [
    {
      id: 's3.create-bucket.own-again',
      run: async (c, ctx) =>
        c.s3.send(new CreateBucketCommand({ Bucket: await ctx.bucket(), CreateBucketConfiguration: { LocationConstraint: ctx.region as 'ap-northeast-2' } })),
      expect: error('BucketAlreadyOwnedByYou', 409),
    },
  ]),
  ...recorded('s3', 's3/test_s3', 'TestS3::test_s3_uppercase_bucket_name', [
    {
      id: 's3.create-bucket.uppercase-name',
      run: (c, ctx) =>
        c.s3.send(
          new CreateBucketCommand({ Bucket: `UPPER-${ctx.name()}`, CreateBucketConfiguration: { LocationConstraint: ctx.region as 'ap-northeast-2' } }),
        ),
      expect: error('InvalidBucketName', 400),
    },
  ]),
  ...recorded('s3', 's3/test_s3', 'TestS3::test_get_object_no_such_bucket', [
    { id: 's3.get-object.no-bucket', run: (c, ctx) => c.s3.send(new GetObjectCommand({ Bucket: ctx.name('nope'), Key: 'k' })), expect: noSuchBucket },
  ]),
  ...recorded('s3', 's3/test_s3', 'TestS3::test_delete_bucket_no_such_bucket', [
    { id: 's3.delete-bucket.missing', run: (c, ctx) => c.s3.send(new DeleteBucketCommand({ Bucket: ctx.name('nope') })), expect: noSuchBucket },
  ]),
  ...recorded('s3', 's3/test_s3', 'TestS3::test_bucket_does_not_exist', [
    { id: 's3.list-objects-v2.no-bucket', run: (c, ctx) => c.s3.send(new ListObjectsV2Command({ Bucket: ctx.name('nope') })), expect: noSuchBucket },
  ]),
  ...recorded('s3', 's3/test_s3', 'TestS3::test_range_key_not_exists', [
    {
      id: 's3.get-object.no-key',
      run: async (c, ctx) => c.s3.send(new GetObjectCommand({ Bucket: await ctx.bucket(), Key: 'nope' })),
      expect: error('NoSuchKey', 404),
    },
  ]),
  ...recorded('s3', 's3/test_s3', 'TestS3DeepArchive::test_s3_get_deep_archive_object_restore', [
    {
      id: 's3.head-object.no-key',
      run: async (c, ctx) => c.s3.send(new HeadObjectCommand({ Bucket: await ctx.bucket(), Key: 'nope' })),
      expect: error('NotFound', 404),
    },
  ]),
  ...recorded('s3', 's3/test_s3', 'TestS3BucketCRUD::test_delete_bucket_with_objects', [
    {
      id: 's3.delete-bucket.not-empty',
      run: async (c, ctx) => {
        const Bucket = await ctx.bucket();
        await c.s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'v' }));
        return c.s3.send(new DeleteBucketCommand({ Bucket }));
      },
      expect: error('BucketNotEmpty', 409),
    },
  ]),
  ...recorded('s3', 's3/test_s3', 'TestS3BucketPolicy::test_bucket_policy_crud', [
    {
      id: 's3.get-bucket-policy.none',
      run: async (c, ctx) => c.s3.send(new GetBucketPolicyCommand({ Bucket: await ctx.bucket() })),
      expect: error('NoSuchBucketPolicy', 404),
    },
  ]),
  ...recorded('s3', 's3/test_s3_api', 'TestS3BucketObjectTagging::test_bucket_tagging_crud', [
    {
      id: 's3.get-bucket-tagging.none',
      run: async (c, ctx) => c.s3.send(new GetBucketTaggingCommand({ Bucket: await ctx.bucket() })),
      expect: error('NoSuchTagSet', 404),
    },
  ]),
  ...recorded('s3', 's3/test_s3_cors', 'TestS3Cors::test_get_cors', [
    {
      id: 's3.get-bucket-cors.none',
      run: async (c, ctx) => c.s3.send(new GetBucketCorsCommand({ Bucket: await ctx.bucket() })),
      expect: error('NoSuchCORSConfiguration', 404),
    },
  ]),
  ...recorded('s3', 's3/test_s3', 'TestS3StaticWebsiteHosting::test_crud_website_configuration', [
    {
      id: 's3.get-bucket-website.none',
      run: async (c, ctx) => c.s3.send(new GetBucketWebsiteCommand({ Bucket: await ctx.bucket() })),
      expect: error('NoSuchWebsiteConfiguration', 404),
    },
  ]),
  ...recorded('s3', 's3/test_s3', 'TestS3::test_put_and_get_object_with_utf8_key', [
    {
      id: 's3.put-object',
      run: async (c, ctx) => c.s3.send(new PutObjectCommand({ Bucket: await ctx.bucket(), Key: '해.txt', Body: 'abc123' })),
      expect: {
        keys: ['ChecksumCRC32', 'ChecksumType', 'ETag', 'ServerSideEncryption'],
        values: { ETag: '"e99a18c428cb38d5f260853678922e03"', ServerSideEncryption: 'AES256' },
      },
    },
  ]),
  ...recorded('s3', 's3/test_s3', 'TestS3::test_region_header_exists_outside_us_east_1', [
    {
      id: 's3.list-objects-v2.empty',
      run: async (c, ctx) => c.s3.send(new ListObjectsV2Command({ Bucket: await ctx.bucket() })),
      expect: { values: { IsTruncated: false, KeyCount: 0, MaxKeys: 1000, Prefix: '' } },
    },
  ]),
];
