import { invalidArgument } from '../errors.js';
import { listPage, listParams } from '../listing.js';
import { OWNER_ID, type Bucket, type ObjectVersion } from '../store.js';
import { defineAction } from '../action.js';
import { xmlOutput } from '../xml.js';

/** Every version and delete marker, by key then newest first, past (key-marker, version-id-marker). */
function* versionsAfter(bucket: Bucket, keyMarker: string, versionIdMarker: string): Generator<ObjectVersion> {
  for (const key of bucket.sortedKeys()) {
    if (key < keyMarker) continue;
    let versions = bucket.versionsOf(key);
    if (key === keyMarker) {
      if (!versionIdMarker) continue;
      versions = versions.slice(versions.findIndex((v) => v.versionId === versionIdMarker) + 1);
    }
    yield* versions;
  }
}

/** ListObjectVersions: what `down` walks to empty a versioned bucket. */
export const listObjectVersions = defineAction({
  name: 'ListObjectVersions',
  action: 's3:ListBucketVersions',
  run({ req, bucketName }, store) {
    const bucket = store.bucket(bucketName);
    const q = req.query;
    const params = listParams(q);
    const keyMarker = q.get('key-marker') ?? '';
    const versionIdMarker = q.get('version-id-marker') ?? '';
    if (versionIdMarker && !keyMarker)
      throw invalidArgument('A version-id marker cannot be specified without a key marker.', 'version-id-marker', versionIdMarker);
    const page = listPage(versionsAfter(bucket, keyMarker, versionIdMarker), params);
    const { encode } = params;
    const entry = (v: ObjectVersion) => ({
      Key: encode(v.key),
      VersionId: v.versionId,
      IsLatest: bucket.latest(v.key) === v,
      LastModified: v.lastModified.toISOString(),
    });
    const owner = { ID: OWNER_ID };
    return xmlOutput('ListVersionsResult', {
      Name: bucketName,
      Prefix: encode(params.prefix),
      Delimiter: params.delimiter ? encode(params.delimiter) : undefined,
      KeyMarker: encode(keyMarker),
      VersionIdMarker: versionIdMarker,
      NextKeyMarker: page.truncated && page.last ? encode(page.last.key) : undefined,
      NextVersionIdMarker: page.truncated && page.last ? page.last.versionId : undefined,
      MaxKeys: params.maxKeys,
      EncodingType: params.encodingType,
      IsTruncated: page.truncated,
      Version: page.items
        .filter((v) => !v.deleteMarker)
        .map((v) => ({ ...entry(v), ETag: v.etag, Size: v.body.length, StorageClass: 'STANDARD', Owner: owner })),
      DeleteMarker: page.items.filter((v) => v.deleteMarker).map((v) => ({ ...entry(v), Owner: owner })),
      CommonPrefixes: page.commonPrefixes.map((p) => ({ Prefix: encode(p) })),
    });
  },
});
