import type { CallContext } from '../../core/types.js';
import type { EdgeRequest } from '../../core/request.js';
import type { XmlObject } from '../../core/xml.js';
import { asDecoded, type Operation, type Permission } from '../../core/operation.js';
import { bucketArn, objectArn } from './resources.js';
import type { Bucket, S3Store } from './store.js';

/** One S3 call as an operation handler sees it: the addressed bucket and key, already percent-decoded. */
export interface S3Input {
  req: EdgeRequest;
  /** '' for service-level calls (ListBuckets). */
  bucketName: string;
  /** '' for bucket-level calls. */
  key: string;
  /** The addressed bucket, when it exists and is ours (its policy decides access before IAM). */
  bucket: Bucket | undefined;
  /** Another bucket the call names (CopyObject's source), when it exists and is ours: its policy decides access to it. */
  find(name: string): Bucket | undefined;
  /** Throws AccessDenied unless the caller may do `action` on `resource` (IAM, bucket policy, public access block). */
  authorize(action: string, resource: string): void;
}

/** What a handler answers; the plugin writes it on the wire. */
export interface S3Output {
  /** 200 when omitted. */
  status?: number;
  headers?: Record<string, string>;
  /** An XML document: root element name and its members. */
  xml?: { root: string; body: XmlObject };
  /** A raw payload (object data, policy JSON); its content-type goes in `headers`. */
  body?: Buffer | string;
}

/**
 * One S3 operation (core/operation.ts). Its REST binding (method, bucket or object, subresource) is the
 * table in operations.ts; the call is checked on the bucket or object it addresses, by the bucket policy
 * first and then IAM (access.ts), before the handler runs; the handler reads the request itself, in S3's
 * order of checks.
 */
export interface S3Operation extends Operation<S3Input, S3Input, S3Store, CallContext, S3Output> {
  /** Only CreateBucket may address a bucket that does not exist yet. */
  readonly createsBucket?: boolean;
}

/** What an operation file defines: without `permissions`, `action` is checked on the bucket or object the call addresses. */
export type S3Definition = Pick<S3Operation, 'name' | 'action' | 'permissions' | 'unchecked' | 'createsBucket' | 'run'>;

/** The bucket or object a call addresses, as IAM and bucket policies name it (`*` for ListBuckets). */
export const addressed = ({ bucketName, key }: S3Input): string => (key ? objectArn(bucketName, key) : bucketName ? bucketArn(bucketName) : '*');

export const defineAction = (definition: S3Definition): S3Operation => ({ resource: addressed, ...definition, parse: asDecoded });

/** GetObject and HeadObject (DeleteObject) need `versionAction` instead of their own when they name a version. */
export const versioned =
  (action: string, versionAction: string) =>
  (input: S3Input): Permission[] => [{ action: input.req.query.has('versionId') ? versionAction : action, resource: addressed(input) }];
