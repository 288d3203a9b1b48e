import { listPage, listParams, continuationToken, keyAfterToken } from '../listing.js';
import { OWNER_ID, type Bucket, type ObjectVersion } from '../store.js';
import { defineAction } from '../action.js';
import { xmlOutput } from '../xml.js';

function* currentObjectsAfter(bucket: Bucket, after: string): Generator<ObjectVersion> {
  for (const key of bucket.sortedKeys()) {
    if (key <= after) continue;
    const object = bucket.current(key);
    if (object) yield object;
  }
}

/** ListObjectsV2: current objects only (delete markers hide keys), with prefix, delimiter and continuation tokens. */
export const listObjectsV2 = defineAction({
  name: 'ListObjectsV2',
  action: 's3:ListBucket',
  run({ req, bucketName }, store) {
    const bucket = store.bucket(bucketName);
    const q = req.query;
    const params = listParams(q);
    const token = q.get('continuation-token');
    const startAfter = q.get('start-after');
    const page = listPage(currentObjectsAfter(bucket, token ? keyAfterToken(token) : (startAfter ?? '')), params);
    const { encode } = params;
    const fetchOwner = q.get('fetch-owner') === 'true';
    return xmlOutput('ListBucketResult', {
      Name: bucketName,
      Prefix: encode(params.prefix),
      Delimiter: params.delimiter ? encode(params.delimiter) : undefined,
      MaxKeys: params.maxKeys,
      EncodingType: params.encodingType,
      KeyCount: page.items.length + page.commonPrefixes.length,
      IsTruncated: page.truncated,
      ContinuationToken: token ?? undefined,
      NextContinuationToken: page.truncated && page.last ? continuationToken(page.last.key) : undefined,
      StartAfter: startAfter === null ? undefined : encode(startAfter),
      Contents: page.items.map((o) => ({
        Key: encode(o.key),
        LastModified: o.lastModified.toISOString(),
        ETag: o.etag,
        Size: o.body.length,
        StorageClass: 'STANDARD',
        Owner: fetchOwner ? { ID: OWNER_ID } : undefined,
      })),
      CommonPrefixes: page.commonPrefixes.map((p) => ({ Prefix: encode(p) })),
    });
  },
});
