import type { ServerResponse } from 'node:http';
import type { AwsError } from '../errors.js';
import { xmlDocument, type XmlObject } from '../xml.js';

/** How a service speaks on the wire: one serializer per AWS protocol. */
export interface Protocol {
  error(res: ServerResponse, err: AwsError, requestId: string): void;
}

function send(res: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}) {
  if (res.headersSent) {
    res.end();
    return;
  }
  const buf = Buffer.from(body, 'utf8');
  res.writeHead(status, { 'content-type': contentType, 'content-length': String(buf.length), ...headers });
  res.end(buf);
}

/** awsJson1_0 / awsJson1_1 (DynamoDB, SQS, CloudWatch Logs): `__type` names the error. */
export function awsJson(serviceNamespace: string, contentType = 'application/x-amz-json-1.0') {
  return {
    reply(res: ServerResponse, body: unknown, requestId: string) {
      send(res, 200, contentType, JSON.stringify(body ?? {}), { 'x-amzn-requestid': requestId });
    },
    error(res: ServerResponse, err: AwsError, requestId: string) {
      send(res, err.status, contentType, JSON.stringify({ __type: `${serviceNamespace}#${err.code}`, message: err.message, ...err.extra }), {
        'x-amzn-requestid': requestId,
        'x-amzn-errortype': err.code,
      });
    },
  } satisfies Protocol & Record<string, unknown>;
}

/** awsQuery (IAM, STS): form-encoded Action in, XML `<ActionResponse>` out. */
export function awsQuery(xmlns: string) {
  return {
    reply(res: ServerResponse, action: string, result: XmlObject | undefined, requestId: string) {
      const body: XmlObject = {};
      if (result) body[`${action}Result`] = result;
      body.ResponseMetadata = { RequestId: requestId };
      send(res, 200, 'text/xml', xmlDocument(`${action}Response`, body, xmlns), { 'x-amzn-requestid': requestId });
    },
    error(res: ServerResponse, err: AwsError, requestId: string) {
      const xml = xmlDocument(
        'ErrorResponse',
        { Error: { Type: err.senderFault ? 'Sender' : 'Receiver', Code: err.code, Message: err.message }, RequestId: requestId },
        xmlns,
      );
      send(res, err.status, 'text/xml', xml, { 'x-amzn-requestid': requestId });
    },
  } satisfies Protocol & Record<string, unknown>;
}

/** restJson1 (Lambda, API Gateway v2): the error code travels in `x-amzn-ErrorType`. */
export const restJson = {
  reply(res: ServerResponse, status: number, body: unknown, requestId: string, headers: Record<string, string> = {}) {
    send(res, status, 'application/json', body === undefined ? '' : JSON.stringify(body), {
      'x-amzn-requestid': requestId,
      ...headers,
    });
  },
  error(res: ServerResponse, err: AwsError, requestId: string) {
    const body = { message: err.message, Message: err.message, ...err.extra };
    send(res, err.status, 'application/json', JSON.stringify(body), {
      'x-amzn-requestid': requestId,
      'x-amzn-errortype': err.code,
    });
  },
} satisfies Protocol & Record<string, unknown>;

/** restXml (S3): `<Error><Code/>` with the request id. */
export const restXml = {
  reply(res: ServerResponse, status: number, root: string | undefined, body: XmlObject | undefined, requestId: string, headers: Record<string, string> = {}) {
    const xml = root && body ? xmlDocument(root, body, 'http://s3.amazonaws.com/doc/2006-03-01/') : '';
    send(res, status, 'application/xml', xml, { 'x-amz-request-id': requestId, ...headers });
  },
  error(res: ServerResponse, err: AwsError, requestId: string) {
    const xml = xmlDocument('Error', { Code: err.code, Message: err.message, ...(err.extra as XmlObject), RequestId: requestId });
    send(res, err.status, 'application/xml', xml, { 'x-amz-request-id': requestId });
  },
} satisfies Protocol & Record<string, unknown>;
