import { crc32 } from 'node:zlib';
import { AwsError } from '../../../core/errors.js';
import { header } from '../../../core/request.js';
import { checkObjectAcl } from '../acl.js';
import { DEFAULT_ENCRYPTION } from '../objects.js';
import { uploadedBytes } from '../payload.js';
import { defineAction } from '../action.js';

const MAX_KEY_BYTES = 1024;
const MAX_METADATA_BYTES = 2 * 1024;
const DEFAULT_CONTENT_TYPE = 'binary/octet-stream';
const METADATA_PREFIX = 'x-amz-meta-';
/** Representation headers S3 stores with the object and returns on GET as they were sent. */
const STORED_HEADERS = ['cache-control', 'content-disposition', 'content-encoding', 'content-language', 'expires'];

function storedHeaders(get: (name: string) => string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of STORED_HEADERS) {
    // aws-chunked describes the upload's framing, not the object.
    const value =
      name === 'content-encoding'
        ? get(name)
            ?.split(',')
            .map((e) => e.trim())
            .filter((e) => e && e !== 'aws-chunked')
            .join(',')
        : get(name);
    if (value) headers[name] = value;
  }
  return headers;
}

/** PutObject: a new version (or the `null` one replaced), ETag = quoted MD5, metadata and representation headers kept. */
export const putObject = defineAction({
  name: 'PutObject',
  action: 's3:PutObject',
  run({ req, bucketName, key }, store) {
    const bucket = store.bucket(bucketName);
    const keyBytes = Buffer.byteLength(key);
    if (keyBytes > MAX_KEY_BYTES) throw new AwsError('KeyTooLongError', 'Your key is too long', 400, true, { Size: keyBytes, MaxSizeAllowed: MAX_KEY_BYTES });
    checkObjectAcl(bucket, req);
    const metadata: Record<string, string> = {};
    let metadataBytes = 0;
    for (const [name, value] of Object.entries(req.headers)) {
      if (!name.startsWith(METADATA_PREFIX) || value === undefined) continue;
      metadata[name.slice(METADATA_PREFIX.length)] = String(value);
      metadataBytes += name.length - METADATA_PREFIX.length + Buffer.byteLength(String(value));
    }
    if (metadataBytes > MAX_METADATA_BYTES) {
      throw new AwsError('MetadataTooLarge', 'Your metadata headers exceed the maximum allowed metadata size', 400, true, {
        Size: metadataBytes,
        MaxSizeAllowed: MAX_METADATA_BYTES,
      });
    }
    const body = uploadedBytes(req);
    const version = bucket.put(key, {
      body,
      contentType: header(req, 'content-type') ?? DEFAULT_CONTENT_TYPE,
      headers: storedHeaders((name) => header(req, name)),
      metadata,
    });
    const headers: Record<string, string> = { etag: version.etag, 'x-amz-server-side-encryption': DEFAULT_ENCRYPTION };
    if (bucket.versioning === 'Enabled') headers['x-amz-version-id'] = version.versionId;
    // An upload sent with a CRC32 (the SDK's default) is answered with the whole object's CRC32, as AWS does.
    if (header(req, 'x-amz-checksum-crc32') !== undefined || header(req, 'x-amz-sdk-checksum-algorithm')?.toUpperCase() === 'CRC32') {
      const checksum = Buffer.alloc(4);
      checksum.writeUInt32BE(crc32(body));
      Object.assign(headers, { 'x-amz-checksum-crc32': checksum.toString('base64'), 'x-amz-checksum-type': 'FULL_OBJECT' });
    }
    return { headers };
  },
});
