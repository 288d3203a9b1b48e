import type { z } from 'zod';
import { AwsError } from './errors.js';

type Issue = z.core.$ZodIssue & { input?: unknown };

const lowerFirst = (s: string) => (s ? s[0].toLowerCase() + s.slice(1) : s);

function renderValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `'[${value.map(String).join(', ')}]'`;
  if (typeof value === 'object') return `'${JSON.stringify(value)}'`;
  return `'${String(value)}'`;
}

/** The constraint sentence AWS's validators print for one failed member. */
function constraintOf(issue: Issue): string {
  const measure = 'origin' in issue && issue.origin !== 'number' && issue.origin !== 'int' && issue.origin !== 'bigint' ? 'length' : 'value';
  switch (issue.code) {
    case 'too_big':
      return `Member must have ${measure} less than or equal to ${String(issue.maximum)}`;
    case 'too_small':
      return `Member must have ${measure} greater than or equal to ${String(issue.minimum)}`;
    case 'invalid_format':
      return `Member must satisfy regular expression pattern: ${'pattern' in issue ? String(issue.pattern).replace(/^\/\^?|\$?\/[a-z]*$/g, '') : issue.format}`;
    case 'invalid_value':
      return `Member must satisfy enum value set: [${issue.values.map(String).join(', ')}]`;
    case 'invalid_type':
      return issue.input === undefined ? 'Member must not be null' : `Member must be of type ${issue.expected}`;
    default:
      return issue.message;
  }
}

/**
 * Parses a request body with a zod schema; a failure becomes AWS's own validation message,
 * e.g. `1 validation error detected: Value '901' at 'timeout' failed to satisfy constraint: ...`.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, code = 'ValidationException'): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const issues = result.error.issues as Issue[];
  const lines = issues.map(
    (issue) =>
      `Value ${renderValue(issue.input)} at '${issue.path.map((p) => lowerFirst(String(p))).join('.')}' failed to satisfy constraint: ${constraintOf(issue)}`,
  );
  const count = `${issues.length} validation error${issues.length === 1 ? '' : 's'} detected: `;
  throw new AwsError(code, count + lines.join('; '), 400);
}
