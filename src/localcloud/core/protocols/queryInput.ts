import { AwsError } from '../errors.js';
import type { EdgeRequest } from '../request.js';

/** An awsQuery request as structured data: `Tags.member.1.Key=k` becomes `{ Tags: [{ Key: 'k' }] }`. */
export interface QueryInput {
  [key: string]: QueryValue;
}
export type QueryValue = string | QueryValue[] | QueryInput;

const INDEX = /^\d+$/;

/**
 * Parses a form-encoded awsQuery body (IAM, STS). Lists arrive as `Name.member.N[.Field]`
 * with 1-based indexes; the `member` level is dropped and the indexes become array slots.
 */
export function parseQueryBody(body: string): QueryInput {
  const root: QueryInput = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const parts = key.split('.').filter((part, i, all) => !(part === 'member' && INDEX.test(all[i + 1] ?? '')));
    let cursor: QueryInput | QueryValue[] = root;
    for (let i = 0; i < parts.length; i++) {
      const slot = INDEX.test(parts[i]) ? Number(parts[i]) - 1 : parts[i];
      const container = cursor as Record<string | number, QueryValue>;
      if (i === parts.length - 1) {
        container[slot] = value;
        break;
      }
      container[slot] ??= INDEX.test(parts[i + 1]) ? [] : {};
      cursor = container[slot] as QueryInput | QueryValue[];
    }
  }
  return root;
}

/** The form of an awsQuery call: the POST body, or the query string of a GET. */
export function queryInputOf(req: EdgeRequest): QueryInput {
  return parseQueryBody(req.body.length > 0 ? req.body.toString('utf8') : req.query.toString());
}

/** The operation a query call names and its handler; an unknown one is InvalidAction, as AWS answers. */
export function queryAction<H>(input: QueryInput, actions: ReadonlyMap<string, H>, apiVersion: string): [string, H] {
  const action = typeof input.Action === 'string' ? input.Action : '';
  const handler = actions.get(action);
  if (!handler) throw new AwsError('InvalidAction', `Could not find operation ${action} for version ${apiVersion}`, 400);
  return [action, handler];
}

/** AWS's wording for a failed member constraint ("1 validation error detected: ..."). */
export function validationError(member: string, value: unknown, constraint: string): AwsError {
  const shown = value === undefined ? 'null' : `'${String(value)}'`;
  return new AwsError('ValidationError', `1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`, 400);
}

const lowerFirst = (name: string) => name[0].toLowerCase() + name.slice(1);

/** A string member, or undefined when absent. */
export function optionalString(input: QueryInput, name: string): string | undefined {
  const value = input[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw validationError(lowerFirst(name), '[object]', 'Member must be a string');
  return value;
}

/** A string member that must be present (AWS names the member in lowerCamelCase in the message). */
export function requiredString(input: QueryInput, name: string): string {
  const value = optionalString(input, name);
  if (value === undefined) throw validationError(lowerFirst(name), undefined, 'Member must not be null');
  return value;
}

/** An integer member within [min, max], or undefined when absent. */
export function optionalInteger(input: QueryInput, name: string, min: number, max: number): number | undefined {
  const text = optionalString(input, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value)) throw validationError(lowerFirst(name), text, 'Member must be an integer');
  if (value < min) throw validationError(lowerFirst(name), text, `Member must have value greater than or equal to ${min}`);
  if (value > max) throw validationError(lowerFirst(name), text, `Member must have value less than or equal to ${max}`);
  return value;
}

/** A list member (`Name.member.N`), empty when absent. */
export function listOf<T extends QueryValue>(input: QueryInput, name: string): T[] {
  const value = input[name];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw validationError(lowerFirst(name), '[object]', 'Member must be a list');
  return value.filter((v) => v !== undefined) as T[];
}
