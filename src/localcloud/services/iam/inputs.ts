import { listOf, optionalString, requiredString, validationError, type QueryInput } from '../../core/protocols/queryInput.js';
import { limitExceeded } from './errors.js';
import { parsePolicyDocument, type PolicyKind } from './policy/document.js';
import type { InlinePolicy } from './store.js';

/** IAM's limits and name patterns (IAM and STS quotas page). */
export const MAX_ROLE_NAME = 64;
export const MAX_POLICY_NAME = 128;
export const MAX_PATH = 512;
export const MAX_DESCRIPTION = 1000;
export const MAX_TAGS_PER_ROLE = 50;
export const MAX_TAG_KEY = 128;
export const MAX_TAG_VALUE = 256;
const NAME_PATTERN = /^[\w+=,.@-]+$/;
const PATH_PATTERN = /^(\/|\/[\u0021-\u007E]+\/)$/;

function checkLength(member: string, value: string, min: number, max: number): void {
  if (value.length < min) throw validationError(member, value, `Member must have length greater than or equal to ${min}`);
  if (value.length > max) throw validationError(member, value, `Member must have length less than or equal to ${max}`);
}

function checkedName(input: QueryInput, name: string, max: number): string {
  const member = name[0].toLowerCase() + name.slice(1);
  const value = requiredString(input, name);
  checkLength(member, value, 1, max);
  if (!NAME_PATTERN.test(value)) throw validationError(member, value, 'Member must satisfy regular expression pattern: [\\w+=,.@-]+');
  return value;
}

export const roleNameOf = (input: QueryInput) => checkedName(input, 'RoleName', MAX_ROLE_NAME);
export const policyNameOf = (input: QueryInput) => checkedName(input, 'PolicyName', MAX_POLICY_NAME);

/** `Path` or `PathPrefix`: begins and ends with `/` (prefixes only begin with it). */
export function pathOf(input: QueryInput, name: 'Path' | 'PathPrefix'): string {
  const value = optionalString(input, name) ?? '/';
  checkLength(name === 'Path' ? 'path' : 'pathPrefix', value, 1, MAX_PATH);
  const valid = name === 'Path' ? PATH_PATTERN.test(value) : value.startsWith('/');
  if (!valid) {
    throw validationError(
      name === 'Path' ? 'path' : 'pathPrefix',
      value,
      'Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)',
    );
  }
  return value;
}

export function descriptionOf(input: QueryInput): string | undefined {
  const value = optionalString(input, 'Description');
  if (value !== undefined) checkLength('description', value, 0, MAX_DESCRIPTION);
  return value;
}

/** `Tags.member.N.Key/Value` as ordered pairs, checked against IAM's tag limits. */
export function tagsOf(input: QueryInput): [string, string][] {
  const tags = listOf<QueryInput>(input, 'Tags').map((tag, i): [string, string] => {
    const key = requiredString(tag, 'Key');
    const value = requiredString(tag, 'Value');
    checkLength(`tags.${i + 1}.member.key`, key, 1, MAX_TAG_KEY);
    checkLength(`tags.${i + 1}.member.value`, value, 0, MAX_TAG_VALUE);
    return [key, value];
  });
  if (tags.length > MAX_TAGS_PER_ROLE) throw limitExceeded(`Cannot exceed quota for TagsPerRole: ${MAX_TAGS_PER_ROLE}`);
  return tags;
}

export const tagKeysOf = (input: QueryInput) => listOf<string>(input, 'TagKeys');

/** IAM quotas on policy text, counted without whitespace as IAM does. */
export const MAX_TRUST_POLICY_CHARS = 2048;
export const MAX_INLINE_POLICY_CHARS_PER_ROLE = 10_240;

export const policySize = (text: string) => text.replace(/\s/g, '').length;

/** A submitted policy document, validated for its kind and kept as written. */
export function policyOf(text: string, kind: PolicyKind): InlinePolicy {
  if (kind === 'trust' && policySize(text) > MAX_TRUST_POLICY_CHARS) {
    throw limitExceeded(`Cannot exceed quota for ACLSizePerRole: ${MAX_TRUST_POLICY_CHARS}`);
  }
  return { text, document: parsePolicyDocument(text, kind) };
}
