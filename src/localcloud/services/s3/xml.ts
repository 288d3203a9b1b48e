import { parseXml, type XmlObject } from '../../core/xml.js';
import type { EdgeRequest } from '../../core/request.js';
import { malformedXml } from './errors.js';
import type { S3Output } from './action.js';

/** The members of a request body's root element; MalformedXML when the body is not that document. */
export function xmlInput(req: EdgeRequest, root: string): Record<string, unknown> {
  let doc: Record<string, unknown>;
  try {
    doc = parseXml(req.body.toString('utf8'));
  } catch {
    throw malformedXml();
  }
  const content = doc[root];
  if (content === undefined) throw malformedXml();
  return typeof content === 'object' && content !== null ? (content as Record<string, unknown>) : {};
}

/** XML booleans are the strings `true` / `false`. */
export function xmlBoolean(value: unknown): boolean {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw malformedXml();
}

export const xmlOutput = (root: string, body: XmlObject, status?: number): S3Output => ({ status, xml: { root, body } });
