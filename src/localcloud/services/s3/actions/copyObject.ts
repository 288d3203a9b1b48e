import { header, type EdgeRequest } from '../../../core/request.js';
import { checkObjectAcl } from '../acl.js';
import { addressed, defineAction, type S3Input } from '../action.js';
import { accessDenied, invalidArgument, invalidRequest, noSuchKey, noSuchVersion } from '../errors.js';
import { checkKeyLength, crc32Base64, DEFAULT_ENCRYPTION, requestedAttributes } from '../objects.js';
import { bucketArn, objectArn } from '../resources.js';
import { type Bucket, NULL_VERSION, type ObjectVersion } from '../store.js';

/** The object a copy reads: `x-amz-copy-source`. */
interface CopySource {
  bucket: string;
  key: string;
  versionId?: string;
}

/**
 * `x-amz-copy-source`: `[/]<bucket>/<key>[?versionId=<id>]`, URL-encoded; a `+` is a space (Go encodes
 * spaces so, and S3 accepts it: LocalStack test_copy_object_special_character_plus_for_space, recorded on AWS).
 * Anything else is AWS's InvalidArgument (LocalStack test_s3_copy_object_wrong_format, recorded on AWS).
 */
function copySource(req: EdgeRequest): CopySource {
  const value = header(req, 'x-amz-copy-source') ?? '';
  const query = value.indexOf('?');
  let path: string;
  try {
    path = decodeURIComponent((query === -1 ? value : value.slice(0, query)).replace(/\+/g, ' ')).replace(/^\/+/, '');
  } catch {
    path = '';
  }
  const slash = path.indexOf('/');
  if (slash < 1 || slash === path.length - 1) throw invalidArgument('Invalid copy source object key', 'x-amz-copy-source', 'x-amz-copy-source');
  const versionId = query === -1 ? null : new URLSearchParams(value.slice(query + 1)).get('versionId');
  return { bucket: path.slice(0, slash), key: path.slice(slash + 1), versionId: versionId ?? undefined };
}

/**
 * The version copied: the named one (a delete marker named so is InvalidRequest) or the current one. A
 * missing key is NoSuchKey only for callers allowed to list the source bucket, as GetObject's is.
 */
function sourceVersion({ authorize }: S3Input, from: Bucket, { key, versionId }: CopySource): ObjectVersion {
  if (versionId !== undefined) {
    const version = from.version(key, versionId);
    if (!version) throw noSuchVersion(key, versionId);
    if (version.deleteMarker) throw invalidRequest('The source of a copy request may not specifically refer to a delete marker by version id.');
    return version;
  }
  const current = from.current(key);
  if (current) return current;
  try {
    authorize('s3:ListBucket', bucketArn(from.name));
  } catch {
    throw accessDenied();
  }
  throw noSuchKey(key);
}

/** Request headers that change an object copied onto itself, which S3 then allows (LocalStack's provider checks the same). */
const IN_PLACE_CHANGES = [
  'x-amz-storage-class',
  'x-amz-server-side-encryption',
  'x-amz-server-side-encryption-customer-key-md5',
  'x-amz-website-redirect-location',
];

const ILLEGAL_IN_PLACE =
  "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.";

/**
 * CopyObject: `PUT /<bucket>/<key>` with `x-amz-copy-source`. The copy is a new object (or version) of the
 * target with the source's body; `x-amz-metadata-directive: REPLACE` takes Content-Type, the representation
 * headers and x-amz-meta-* from the request, COPY (the default) keeps the source's. Authorized as AWS does:
 * s3:GetObject (s3:GetObjectVersion with a versionId) on the source and s3:PutObject on the target.
 * Not modelled: object tags (x-amz-tagging-directive), storage classes, x-amz-copy-source-if-* preconditions.
 */
export const copyObject = defineAction({
  name: 'CopyObject',
  action: 's3:PutObject',
  permissions: (input) => {
    const source = copySource(input.req);
    return [
      { action: source.versionId === undefined ? 's3:GetObject' : 's3:GetObjectVersion', resource: objectArn(source.bucket, source.key) },
      { action: 's3:PutObject', resource: addressed(input) },
    ];
  },
  run(input, store) {
    const { req, bucketName, key } = input;
    const target = store.bucket(bucketName);
    checkKeyLength(key);
    const source = copySource(req);
    const from = store.bucket(source.bucket);
    const version = sourceVersion(input, from, source);
    const replace = header(req, 'x-amz-metadata-directive') === 'REPLACE';
    // A named version copied onto its key is how S3 restores it (S3 User Guide, "Restoring previous versions").
    const inPlace = source.bucket === bucketName && source.key === key && source.versionId === undefined;
    if (inPlace && !replace && !IN_PLACE_CHANGES.some((name) => header(req, name) !== undefined)) {
      throw invalidRequest(ILLEGAL_IN_PLACE);
    }
    checkObjectAcl(target, req);
    const attributes = replace
      ? requestedAttributes(req)
      : { contentType: version.contentType, headers: { ...version.headers }, metadata: { ...version.metadata } };
    const copy = target.put(key, { body: version.body, ...attributes });
    const headers: Record<string, string> = { 'x-amz-server-side-encryption': DEFAULT_ENCRYPTION };
    if (target.versioning) headers['x-amz-version-id'] = copy.versionId;
    if (from.versioning && version.versionId !== NULL_VERSION) headers['x-amz-copy-source-version-id'] = version.versionId;
    return {
      headers,
      xml: {
        root: 'CopyObjectResult',
        // Objects the SDK uploads carry a CRC32 (its default), which the copy keeps, as AWS answers.
        body: { ETag: copy.etag, LastModified: copy.lastModified.toISOString(), ChecksumCRC32: crc32Base64(copy.body), ChecksumType: 'FULL_OBJECT' },
      },
    };
  },
});
