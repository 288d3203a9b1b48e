import type { CallContext } from '../../core/types.js';
import type { EdgeRequest } from '../../core/request.js';
import type { XmlObject } from '../../core/xml.js';
import type { S3Store } from './store.js';

/** One S3 call as an operation handler sees it: the addressed bucket and key, already percent-decoded. */
export interface S3Input {
  req: EdgeRequest;
  /** '' for service-level calls (ListBuckets). */
  bucketName: string;
  /** '' for bucket-level calls. */
  key: string;
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

export type S3Handler = (input: S3Input, store: S3Store, ctx: CallContext) => S3Output;

export interface S3Operation {
  /**
   * IAM action checked on the addressed resource before the handler runs; a function where it depends
   * on the request (versionId); undefined where the handler authorizes each resource itself (DeleteObjects).
   */
  readonly iamAction: string | ((req: EdgeRequest) => string) | undefined;
  readonly handler: S3Handler;
  /** Only CreateBucket may address a bucket that does not exist yet. */
  readonly createsBucket?: boolean;
}
