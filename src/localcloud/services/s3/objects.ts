import { crc32 } from 'node:zlib';
import { AwsError } from '../../core/errors.js';
import { header, type EdgeRequest } from '../../core/request.js';
import { accessDenied, noSuchKey, noSuchVersion, S3Error } from './errors.js';
import { bucketArn } from './resources.js';
import type { Bucket, ObjectData, ObjectVersion, S3Store } from './store.js';
import type { S3Input, S3Output } from './action.js';

/** Every object is encrypted at rest with S3-managed keys, as AWS does by default since 2023. */
export const DEFAULT_ENCRYPTION = 'AES256';

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

/** KeyTooLongError for a key over 1024 UTF-8 bytes (PutObject, CopyObject's target). */
export function checkKeyLength(key: string): void {
  const keyBytes = Buffer.byteLength(key);
  if (keyBytes > MAX_KEY_BYTES) throw new AwsError('KeyTooLongError', 'Your key is too long', 400, true, { Size: keyBytes, MaxSizeAllowed: MAX_KEY_BYTES });
}

/**
 * What a write stores besides the data, from its headers (PutObject, CopyObject with REPLACE): Content-Type,
 * the representation headers and the x-amz-meta-* metadata (MetadataTooLarge over 2 KB).
 */
export function requestedAttributes(req: EdgeRequest): Omit<ObjectData, 'body'> {
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
  return { contentType: header(req, 'content-type') ?? DEFAULT_CONTENT_TYPE, headers: storedHeaders((name) => header(req, name)), metadata };
}

/** The whole object's CRC32, base64, as S3 answers it (x-amz-checksum-crc32, ChecksumCRC32). */
export function crc32Base64(body: Buffer): string {
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(body));
  return checksum.toString('base64');
}

/** The headers GetObject and HeadObject answer with (the body length, not the body). */
export function objectHeaders(version: ObjectVersion, bucket: Bucket): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': version.contentType,
    'content-length': String(version.body.length),
    etag: version.etag,
    'last-modified': version.lastModified.toUTCString(),
    'accept-ranges': 'bytes',
    'x-amz-server-side-encryption': DEFAULT_ENCRYPTION,
    ...version.headers,
  };
  for (const [name, value] of Object.entries(version.metadata)) headers[`x-amz-meta-${name}`] = value;
  if (bucket.versioning) headers['x-amz-version-id'] = version.versionId;
  return headers;
}

const etagList = (value: string) => value.split(',').map((e) => e.trim().replace(/^W\//, ''));

/**
 * If-Match / If-None-Match against an object's ETag: true when the caller's copy is current
 * (answer 304 Not Modified); throws PreconditionFailed when If-Match does not hold.
 */
export function notModified(req: EdgeRequest, version: ObjectVersion): boolean {
  const ifMatch = header(req, 'if-match');
  if (ifMatch && !etagList(ifMatch).some((e) => e === '*' || e === version.etag)) {
    throw new AwsError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, true, { Condition: 'If-Match' });
  }
  const ifNoneMatch = header(req, 'if-none-match');
  return !!ifNoneMatch && etagList(ifNoneMatch).some((e) => e === '*' || e === version.etag);
}

/**
 * The version GetObject / HeadObject read: `?versionId` or the current one. A missing key is NoSuchKey
 * only for callers allowed to list the bucket (others get AccessDenied, as S3 hides what exists).
 */
export function versionToRead({ req, key, authorize }: S3Input, bucket: Bucket): ObjectVersion {
  const versionId = req.query.get('versionId');
  if (versionId !== null) {
    const version = bucket.version(key, versionId);
    if (!version) throw noSuchVersion(key, versionId);
    if (version.deleteMarker) {
      throw new S3Error(
        'MethodNotAllowed',
        'The specified method is not allowed against this resource.',
        405,
        { Method: req.method, ResourceType: 'DeleteMarker' },
        {
          'x-amz-delete-marker': 'true',
          'x-amz-version-id': versionId,
          'last-modified': version.lastModified.toUTCString(),
        },
      );
    }
    return version;
  }
  const latest = bucket.latest(key);
  if (latest && !latest.deleteMarker) return latest;
  try {
    authorize('s3:ListBucket', bucketArn(bucket.name));
  } catch {
    throw accessDenied();
  }
  throw noSuchKey(key, latest && { 'x-amz-delete-marker': 'true', 'x-amz-version-id': latest.versionId });
}

export interface DeleteOutcome {
  /** The version removed, or the delete marker created. */
  versionId?: string;
  deleteMarker: boolean;
}

/** DeleteObject semantics, shared by DeleteObjects: a version removed for good, or a delete marker once versioned. */
export function deleteObject(bucket: Bucket, key: string, versionId: string | undefined): DeleteOutcome {
  if (versionId !== undefined) return { versionId, deleteMarker: bucket.deleteVersion(key, versionId)?.deleteMarker ?? false };
  const marker = bucket.delete(key);
  return marker ? { versionId: marker.versionId, deleteMarker: true } : { deleteMarker: false };
}

/** What GetObject and HeadObject share: the version read and its headers, or a 304 when the caller's copy is current. */
export function readObject(input: S3Input, store: S3Store): { version: ObjectVersion; output: S3Output } {
  const bucket = store.bucket(input.bucketName);
  const version = versionToRead(input, bucket);
  const headers = objectHeaders(version, bucket);
  if (notModified(input.req, version)) return { version, output: { status: 304, headers: { etag: version.etag, 'last-modified': headers['last-modified'] } } };
  return { version, output: { headers } };
}
