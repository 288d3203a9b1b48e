import { AwsError } from '../../core/errors.js';
import { header, type EdgeRequest } from '../../core/request.js';

/** Where the website of every bucket is served on the edge, for browsers that need no DNS tricks. */
export const WEBSITE_PATH_PREFIX = '/_website/';

/** `<bucket>.s3.localhost[:port]`, `<bucket>.s3.<region>.localhost[:port]` (also under `.localstack.cloud`). */
const VIRTUAL_HOST = /^(.+)\.s3(?:\.[a-z0-9-]+)?\.localhost(?:\.localstack\.cloud)?(?::\d+)?$/i;
/** `<bucket>.s3-website.localhost`, `<bucket>.s3-website-<region>.localhost`, `<bucket>.s3-website.<region>.localhost`. */
const WEBSITE_HOST = /^(.+)\.s3-website(?:[.-][a-z0-9-]+)?\.localhost(?:\.localstack\.cloud)?(?::\d+)?$/i;

export interface S3Address {
  bucket: string;
  key: string;
}

export interface WebsiteAddress extends S3Address {
  /** The URL path the bucket's site starts at: `/` on a website host, `/_website/<bucket>/` on the edge. */
  base: string;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new AwsError('InvalidURI', "Couldn't parse the specified URI.", 400);
  }
}

const hostBucket = (req: EdgeRequest, pattern: RegExp) => pattern.exec(header(req, 'host') ?? '')?.[1]?.toLowerCase();

/** `/<bucket>/<key>` */
function pathStyle(path: string): S3Address {
  const slash = path.indexOf('/', 1);
  if (slash === -1) return { bucket: decode(path.slice(1)), key: '' };
  return { bucket: decode(path.slice(1, slash)), key: decode(path.slice(slash + 1)) };
}

/** Bucket and key of a REST call: virtual-hosted (`<bucket>.s3.localhost`) or path-style (`/<bucket>/<key>`). */
export function s3Address(req: EdgeRequest): S3Address {
  const bucket = hostBucket(req, VIRTUAL_HOST);
  return bucket ? { bucket, key: decode(req.path.slice(1)) } : pathStyle(req.path);
}

/** The website a request asks for, if it is one: by Host header or under `/_website/<bucket>/`. */
export function websiteAddress(req: EdgeRequest): WebsiteAddress | undefined {
  const bucket = hostBucket(req, WEBSITE_HOST);
  if (bucket) return { bucket, key: decode(req.path.slice(1)), base: '/' };
  if (!req.path.startsWith(WEBSITE_PATH_PREFIX)) return undefined;
  const { bucket: name, key } = pathStyle(req.path.slice(WEBSITE_PATH_PREFIX.length - 1));
  return { bucket: name, key, base: `${WEBSITE_PATH_PREFIX}${encodeURIComponent(name)}/` };
}
