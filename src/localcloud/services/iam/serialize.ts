import { optionalInteger, optionalString, validationError, type QueryInput } from '../../core/protocols/queryInput.js';
import type { XmlObject } from '../../core/xml.js';
import { isoSeconds } from '../../core/clock.js';
import type { Role } from './store.js';

const DEFAULT_MAX_ITEMS = 100;
const MAX_ITEMS = 1000;

/** IAM returns policy documents URL-encoded (RFC 3986), as they were submitted. */
export const encodeDocument = (text: string) => encodeURIComponent(text);

export const tagsXml = (tags: Iterable<[string, string]>): XmlObject => ({ member: [...tags].map(([Key, Value]) => ({ Key, Value })) });

/** How much of a role each operation returns: ListRoles leaves tags out, CreateRole MaxSessionDuration, only GetRole has RoleLastUsed. */
export type RoleDetail = 'list' | 'create' | 'get';

export function roleXml(role: Role, detail: RoleDetail): XmlObject {
  return {
    Path: role.path,
    RoleName: role.name,
    RoleId: role.roleId,
    Arn: role.arn,
    CreateDate: isoSeconds(role.createDate),
    AssumeRolePolicyDocument: encodeDocument(role.trustPolicy.text),
    Description: role.description,
    MaxSessionDuration: detail === 'create' ? undefined : role.maxSessionDuration,
    Tags: detail !== 'list' && role.tags.size > 0 ? tagsXml(role.tags) : undefined,
    RoleLastUsed: detail === 'get' ? {} : undefined,
  };
}

/**
 * IAM's MaxItems / Marker paging over an already ordered list. The marker is the index of the
 * next item, opaque to callers.
 */
export function paginate<T>(items: T[], input: QueryInput): { page: T[]; IsTruncated: boolean; Marker?: string } {
  const maxItems = optionalInteger(input, 'MaxItems', 1, MAX_ITEMS) ?? DEFAULT_MAX_ITEMS;
  const marker = optionalString(input, 'Marker');
  const start = marker === undefined ? 0 : Number(Buffer.from(marker, 'base64url').toString());
  if (!Number.isInteger(start) || start < 0) throw validationError('marker', marker, 'Member must be a marker returned by a previous call');
  const page = items.slice(start, start + maxItems);
  const next = start + page.length;
  return next < items.length ? { page, IsTruncated: true, Marker: Buffer.from(String(next)).toString('base64url') } : { page, IsTruncated: false };
}
