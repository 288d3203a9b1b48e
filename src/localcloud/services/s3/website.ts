import type { ServerResponse } from 'node:http';
import type { EdgeRequest } from '../../core/request.js';
import { anonymousAllowed } from './access.js';
import type { WebsiteAddress } from './addressing.js';
import { corsHeaders } from './cors.js';
import { notModified, objectHeaders } from './objects.js';
import { objectArn } from './resources.js';
import type { Bucket, ObjectVersion, S3Store } from './store.js';
import { encodeKey } from './urls.js';

const ACCESS_DENIED = { Code: 'AccessDenied', Message: 'Access Denied' };
const STATUS_TEXT: Record<number, string> = { 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed' };

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The website endpoint answers errors as a small HTML page, not XML. */
function htmlError(res: ServerResponse, status: number, details: Record<string, string>, requestId: string) {
  const title = `${status} ${STATUS_TEXT[status]}`;
  const items = Object.entries({ ...details, RequestId: requestId })
    .map(([name, value]) => `<li>${name}: ${escapeHtml(value)}</li>\n`)
    .join('');
  const html = `<html>\n<head><title>${title}</title></head>\n<body>\n<h1>${title}</h1>\n<ul>\n${items}</ul>\n<hr/>\n</body>\n</html>\n`;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(Buffer.byteLength(html)), 'x-amz-request-id': requestId });
  res.end(html);
}

function redirect(res: ServerResponse, status: number, location: string) {
  res.writeHead(status, { location, 'content-length': '0' });
  res.end();
}

function sendObject(req: EdgeRequest, res: ServerResponse, bucket: Bucket, object: ObjectVersion, status: number) {
  const headers = { ...objectHeaders(object, bucket), ...corsHeaders(req, bucket) };
  if (status === 200 && notModified(req, object)) {
    res.writeHead(304, { etag: object.etag, 'last-modified': headers['last-modified'] });
    res.end();
    return;
  }
  res.writeHead(status, headers);
  res.end(req.method === 'HEAD' ? undefined : object.body);
}

/**
 * Static website hosting: GET/HEAD only, the index document for `/` and for folders, the error
 * document (or S3's HTML page) for missing keys, and only what the bucket policy makes public.
 */
export function serveWebsite(req: EdgeRequest, res: ServerResponse, store: S3Store, site: WebsiteAddress, requestId: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    htmlError(
      res,
      405,
      { Code: 'MethodNotAllowed', Message: 'The specified method is not allowed against this resource.', Method: req.method, ResourceType: 'OBJECT' },
      requestId,
    );
    return;
  }
  if (store.isForeign(site.bucket)) {
    htmlError(res, 403, ACCESS_DENIED, requestId);
    return;
  }
  const bucket = store.find(site.bucket);
  if (!bucket) {
    htmlError(res, 404, { Code: 'NoSuchBucket', Message: 'The specified bucket does not exist', BucketName: site.bucket }, requestId);
    return;
  }
  const config = bucket.config.website;
  if (!config) {
    htmlError(
      res,
      404,
      { Code: 'NoSuchWebsiteConfiguration', Message: 'The specified bucket does not have a website configuration', BucketName: bucket.name },
      requestId,
    );
    return;
  }
  if (config.RedirectAllRequestsTo) {
    const { HostName, Protocol = 'http' } = config.RedirectAllRequestsTo;
    redirect(res, 301, `${Protocol}://${HostName}/${encodeKey(site.key)}`);
    return;
  }
  // `/_website/<bucket>` without its slash: relative links in the index page need the slash.
  if (`${req.path}/` === site.base) {
    redirect(res, 302, site.base);
    return;
  }
  const index = config.IndexDocument?.Suffix ?? '';
  const isFolder = site.key === '' || site.key.endsWith('/');
  const key = isFolder ? `${site.key}${index}` : site.key;
  const readable = (k: string) => anonymousAllowed(bucket, 's3:GetObject', objectArn(bucket.name, k));
  if (!readable(key)) {
    htmlError(res, 403, ACCESS_DENIED, requestId);
    return;
  }
  const object = bucket.current(key);
  if (object) {
    sendObject(req, res, bucket, object, 200);
    return;
  }
  if (!isFolder && bucket.current(`${key}/${index}`)) {
    redirect(res, 302, `${site.base}${encodeKey(key)}/`);
    return;
  }
  const errorKey = config.ErrorDocument?.Key;
  const errorDocument = errorKey && readable(errorKey) ? bucket.current(errorKey) : undefined;
  if (errorDocument) sendObject(req, res, bucket, errorDocument, 404);
  else htmlError(res, 404, { Code: 'NoSuchKey', Message: 'The specified key does not exist.', Key: key }, requestId);
}
