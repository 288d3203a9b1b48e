import { invalidArgument } from './errors.js';

/** S3 never returns more than this many keys (or versions) per page, whatever max-keys asks. */
const MAX_KEYS = 1000;

export interface ListParams {
  prefix: string;
  delimiter: string;
  maxKeys: number;
  /** `encoding-type=url`: keys and prefixes in the answer are URL-encoded. */
  encodingType?: 'url';
  encode(value: string): string;
}

export interface ListPage<T> {
  items: T[];
  commonPrefixes: string[];
  truncated: boolean;
  /** The last entry this page consumed (rolled-up ones included): where the next page starts after. */
  last?: T;
}

/** URL encoding as S3 applies it to listed keys: form-style, so spaces become `+`. */
const urlEncode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');

/** prefix, delimiter, max-keys and encoding-type, shared by ListObjectsV2 and ListObjectVersions. */
export function listParams(query: URLSearchParams): ListParams {
  const rawMaxKeys = query.get('max-keys');
  const maxKeys = rawMaxKeys === null ? MAX_KEYS : Number(rawMaxKeys);
  if (!Number.isInteger(maxKeys) || maxKeys < 0)
    throw invalidArgument('Provided max-keys not an integer or within integer range', 'max-keys', String(rawMaxKeys));
  const encodingType = query.get('encoding-type');
  if (encodingType !== null && encodingType !== 'url') throw invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', encodingType);
  return {
    prefix: query.get('prefix') ?? '',
    delimiter: query.get('delimiter') ?? '',
    maxKeys: Math.min(maxKeys, MAX_KEYS),
    encodingType: encodingType ?? undefined,
    encode: encodingType ? urlEncode : (value) => value,
  };
}

/**
 * One page of a listing: `candidates` come sorted and already past the caller's marker. Keys under
 * the prefix that hold the delimiter roll up into common prefixes, each counting as one entry.
 */
export function listPage<T extends { key: string }>(candidates: Iterable<T>, params: ListParams): ListPage<T> {
  const page: ListPage<T> = { items: [], commonPrefixes: [], truncated: false };
  const { prefix, delimiter, maxKeys } = params;
  for (const entry of candidates) {
    if (!entry.key.startsWith(prefix)) continue;
    const cut = delimiter ? entry.key.indexOf(delimiter, prefix.length) : -1;
    const commonPrefix = cut === -1 ? undefined : entry.key.slice(0, cut + delimiter.length);
    if (commonPrefix === undefined || commonPrefix !== page.commonPrefixes[page.commonPrefixes.length - 1]) {
      if (page.items.length + page.commonPrefixes.length === maxKeys) {
        page.truncated = true;
        break;
      }
      if (commonPrefix === undefined) page.items.push(entry);
      else page.commonPrefixes.push(commonPrefix);
    }
    page.last = entry;
  }
  return page;
}

/** Continuation tokens are opaque to clients: here, the last key of the previous page. */
export const continuationToken = (key: string) => Buffer.from(key, 'utf8').toString('base64url');

export function keyAfterToken(token: string): string {
  const key = Buffer.from(token, 'base64url').toString('utf8');
  if (continuationToken(key) !== token) throw invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
  return key;
}
