import type { ServerResponse } from 'node:http';
import { ACCOUNT_ID } from '../../core/constants.js';
import { restXml } from '../../core/protocols/index.js';
import { header, type EdgeRequest } from '../../core/request.js';
import type { CallContext, CloudContext, ServicePlugin } from '../../core/types.js';
import { authorize, dispatch } from '../../core/operation.js';
import { S3_CHECKS } from './access.js';
import { s3Address, websiteAddress, WEBSITE_PATH_PREFIX } from './addressing.js';
import { corsHeaders, preflight } from './cors.js';
import { accessDenied, S3Error } from './errors.js';
import { findOperation } from './operations.js';
import { S3Store, type SavedBucket } from './store.js';
import { durableS3 } from './durable.js';
import type { Snapshot } from '../../core/persist.js';
import type { S3Input, S3Output } from './action.js';
import { serveWebsite } from './website.js';

/** Methods of the calls that change nothing. */
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Statuses that carry no body and so no Content-Length. */
const BODILESS = new Set([204, 304]);

function send(res: ServerResponse, out: S3Output, requestId: string) {
  const status = out.status ?? 200;
  if (out.xml) {
    restXml.reply(res, status, out.xml.root, out.xml.body, requestId, out.headers);
    return;
  }
  const body = out.body ?? '';
  const length: Record<string, string> = BODILESS.has(status) ? {} : { 'content-length': String(Buffer.byteLength(body)) };
  // HEAD answers carry the object's Content-Length from `out.headers`; node drops the (empty) body.
  res.writeHead(status, { 'x-amz-request-id': requestId, ...length, ...out.headers });
  res.end(body);
}

/**
 * S3, implemented here: buckets, objects and versions in memory, bucket policy, public access block,
 * ownership controls, CORS, tagging and static website hosting (under `/_website/<bucket>/` and on
 * `<bucket>.s3-website.localhost` hosts). Path-style and `<bucket>.s3.localhost` virtual-host addressing.
 */
export function createS3(cloud: CloudContext): ServicePlugin {
  const store = new S3Store(cloud.options.foreignBucketNames ?? []);
  let snapshot: Snapshot<SavedBucket[]>;

  function handle(req: EdgeRequest, res: ServerResponse, ctx: CallContext) {
    const site = websiteAddress(req);
    if (site) return serveWebsite(req, res, store, site, ctx.requestId);
    const { bucket: bucketName, key } = s3Address(req);
    const bucket = bucketName && !store.isForeign(bucketName) ? store.find(bucketName) : undefined;
    // Set before anything can fail, so that error answers carry them too, as S3's do.
    for (const [name, value] of Object.entries(corsHeaders(req, bucket))) res.setHeader(name, value);
    if (req.method === 'OPTIONS') return send(res, { headers: preflight(req, bucket) }, ctx.requestId);
    const operation = findOperation(req, bucketName, key);
    if (bucketName && !operation.createsBucket) store.bucket(bucketName);
    // Every bucket here belongs to the one account: any other expected owner is refused, as S3 does.
    const expectedOwner = header(req, 'x-amz-expected-bucket-owner');
    if (expectedOwner !== undefined && expectedOwner !== ACCOUNT_ID) throw accessDenied();
    const input: S3Input = {
      req,
      bucketName,
      key,
      bucket,
      find: (name) => (store.isForeign(name) ? undefined : store.find(name)),
      authorize: (action, resource) => authorize(ctx, [{ action, resource }], S3_CHECKS, input),
    };
    try {
      const out = dispatch(operation, input, store, ctx, S3_CHECKS);
      if (!READS.has(req.method)) snapshot.save();
      send(res, out, ctx.requestId);
    } catch (err) {
      if (err instanceof S3Error) for (const [name, value] of Object.entries(err.headers)) res.setHeader(name, value);
      throw err;
    }
  }

  return {
    signingNames: ['s3'],
    protocol: restXml,
    handle,
    publicPathPrefixes: [WEBSITE_PATH_PREFIX],
    start() {
      snapshot = durableS3(cloud.options, store);
    },
    stop: () => snapshot.close(),
  };
}
