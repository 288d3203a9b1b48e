import { describe, expect, it } from 'vitest';
import { apiUrl, statsUrl, websiteUrl } from '../../src/stack/urls.js';
import { checkStackName, stackNames } from '../../src/stack/config.js';
import { accountBucketName, checkBucketName } from '../../src/stack/bucketChoice.js';
import { checkRegion, nearestRegion } from '../../src/target/regions.js';

const onAws = (region: string) => ({ target: { kind: 'aws' as const, region }, names: stackNames('aram'), outputs: { bucket: 'aram-app-bucket' } });

describe('the names and URLs of the AWS code path', () => {
  it('prints the real URLs on AWS: the region’s website endpoint (dot or dash form) and the execute-api stage', () => {
    expect(websiteUrl(onAws('ap-northeast-2'))).toBe('http://aram-app-bucket.s3-website.ap-northeast-2.amazonaws.com/');
    expect(websiteUrl(onAws('us-east-1'))).toBe('http://aram-app-bucket.s3-website-us-east-1.amazonaws.com/');
    expect(apiUrl(onAws('ap-northeast-2'), 'a1b2c3d4e5')).toBe('https://a1b2c3d4e5.execute-api.ap-northeast-2.amazonaws.com/prod');
    expect(statsUrl(onAws('ap-northeast-2'))).toBe('https://aram-app-bucket.s3.ap-northeast-2.amazonaws.com/stats.json');
  });

  it('knows the regions from the SDK and suggests the one a typo meant', () => {
    expect(() => checkRegion('ap-northeast-2')).not.toThrow();
    expect(() => checkRegion('il-central-1')).not.toThrow();
    expect(nearestRegion('ap-norteast-2')).toBe('ap-northeast-2');
    expect(nearestRegion('eu-wst-1')).toBe('eu-west-1');
    expect(nearestRegion('mars-north-1')).toBeUndefined();
    expect(() => checkRegion('us-east-7')).toThrow(/--region 'us-east-7' is not an AWS region name/);
  });

  it('takes only stack and bucket names every derived name can use', () => {
    for (const ok of ['aram', 'e2e', 'second', 'a-b-c', 'x'.repeat(20)]) expect(() => checkStackName(ok)).not.toThrow();
    for (const bad of ['Aram', '2nd', 'a_b', 'a--b', 'trailing-', 'x'.repeat(21), '']) expect(() => checkStackName(bad)).toThrow(/--stack/);
    // The longest stack name in the longest region still fits S3's 63 characters.
    expect(accountBucketName('x'.repeat(20), '123456789012', 'ap-southeast-5').length).toBeLessThanOrEqual(63);
    for (const ok of ['my-bucket', 'aram-app-bucket-123456789012-ap-northeast-2']) expect(() => checkBucketName(ok)).not.toThrow();
    for (const bad of ['my.bucket', 'MyBucket', 'ab', 'xn--bucket', 'bucket-s3alias', 'a--b']) expect(() => checkBucketName(bad)).toThrow(/--bucket/);
  });
});
