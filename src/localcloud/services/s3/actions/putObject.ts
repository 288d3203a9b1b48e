import { header } from '../../../core/request.js';
import { checkObjectAcl } from '../acl.js';
import { checkKeyLength, crc32Base64, DEFAULT_ENCRYPTION, requestedAttributes } from '../objects.js';
import { uploadedBytes } from '../payload.js';
import { defineAction } from '../action.js';

/** PutObject: a new version (or the `null` one replaced), ETag = quoted MD5, metadata and representation headers kept. */
export const putObject = defineAction({
  name: 'PutObject',
  action: 's3:PutObject',
  run({ req, bucketName, key }, store) {
    const bucket = store.bucket(bucketName);
    checkKeyLength(key);
    checkObjectAcl(bucket, req);
    const attributes = requestedAttributes(req);
    const body = uploadedBytes(req);
    const version = bucket.put(key, { body, ...attributes });
    const headers: Record<string, string> = { etag: version.etag, 'x-amz-server-side-encryption': DEFAULT_ENCRYPTION };
    if (bucket.versioning === 'Enabled') headers['x-amz-version-id'] = version.versionId;
    // An upload sent with a CRC32 (the SDK's default) is answered with the whole object's CRC32, as AWS does.
    if (header(req, 'x-amz-checksum-crc32') !== undefined || header(req, 'x-amz-sdk-checksum-algorithm')?.toUpperCase() === 'CRC32') {
      Object.assign(headers, { 'x-amz-checksum-crc32': crc32Base64(body), 'x-amz-checksum-type': 'FULL_OBJECT' });
    }
    return { headers };
  },
});
