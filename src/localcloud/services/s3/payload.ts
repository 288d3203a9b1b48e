import { createHash } from 'node:crypto';
import { AwsError } from '../../core/errors.js';
import { header, type EdgeRequest } from '../../core/request.js';

const CRLF = Buffer.from('\r\n');

/**
 * `aws-chunked` bodies (streaming uploads, with or without chunk signatures and trailing checksums):
 * `<hex size>[;chunk-signature=...]\r\n<data>\r\n` repeated, ending with a zero-size chunk.
 */
function decodeAwsChunked(body: Buffer): Buffer {
  const chunks: Buffer[] = [];
  let pos = 0;
  while (pos < body.length) {
    const lineEnd = body.indexOf(CRLF, pos);
    if (lineEnd === -1) break;
    const size = parseInt(body.subarray(pos, lineEnd).toString('latin1').split(';')[0], 16);
    if (!Number.isFinite(size)) throw new AwsError('IncompleteBody', 'The request body terminated unexpectedly', 400);
    if (size === 0) break;
    chunks.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    pos = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(chunks);
}

const isAwsChunked = (req: EdgeRequest) =>
  (header(req, 'x-amz-content-sha256') ?? '').startsWith('STREAMING-') || (header(req, 'content-encoding') ?? '').includes('aws-chunked');

/** The bytes an upload carries, checked against Content-MD5 when the client sent one. */
export function uploadedBytes(req: EdgeRequest): Buffer {
  const body = isAwsChunked(req) ? decodeAwsChunked(req.body) : req.body;
  const md5 = header(req, 'content-md5');
  if (md5 && md5 !== createHash('md5').update(body).digest('base64')) {
    throw new AwsError('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400);
  }
  return body;
}
