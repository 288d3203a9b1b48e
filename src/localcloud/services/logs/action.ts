import { z } from 'zod';
import type { Operation } from '../../core/operation.js';
import type { CallContext } from '../../core/types.js';
import { parseInput } from '../../core/validation.js';
import { groupNotFound, invalidParameter } from './errors.js';
import type { LogGroup, LogStore } from './store.js';

/** A CloudWatch Logs call as awsJson decodes it: the JSON body. */
export type LogsRequest = Record<string, unknown>;

/** One CloudWatch Logs operation (core/operation.ts): its members are validated before it is authorized, as AWS does. */
// biome-ignore lint/suspicious/noExplicitAny: a table holds operations of every input type
export type LogsOperation<I = any> = Operation<LogsRequest, I, LogStore>;

/** The name, IAM action and resource of a Logs operation, then its input schema and its handler. */
export const defineAction = <S extends z.ZodType>(
  head: Pick<LogsOperation, 'name' | 'action' | 'resource'>,
  schema: S,
  run: (input: z.output<S>, store: LogStore, ctx: CallContext) => unknown,
): LogsOperation<z.output<S>> => ({ ...head, parse: (req) => parseInput(schema, req, 'InvalidParameterException'), run });

export const logGroupName = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[.\-_/#A-Za-z0-9]+$/);
export const logStreamName = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[^:*]*$/);
/** Operations that read a group take its name or (newer SDKs) its ARN as `logGroupIdentifier`. */
export const groupReference = { logGroupName: logGroupName.optional(), logGroupIdentifier: z.string().min(1).max(2048).optional() };
export const pageLimit = (max: number) => z.number().int().min(1).max(max).optional();

export function groupArn(ctx: CallContext, name: string): string {
  return `arn:aws:logs:${ctx.region}:${ctx.accountId}:log-group:${name}`;
}

/** The log group a call names, by name or ARN, as IAM sees it. */
export function groupResource(req: LogsRequest, _store: LogStore, ctx: CallContext): string {
  const group = req.logGroupName ?? req.logGroupIdentifier;
  return typeof group !== 'string' ? '*' : group.startsWith('arn:') ? group.replace(/:\*$/, '') : groupArn(ctx, group);
}

/** The group a request names, by `logGroupName` or by `logGroupIdentifier` (a name or an ARN). */
export function referencedGroup(store: LogStore, ctx: CallContext, ref: { logGroupName?: string; logGroupIdentifier?: string }): LogGroup {
  if (ref.logGroupName && ref.logGroupIdentifier) throw invalidParameter('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  const identifier = ref.logGroupName ?? ref.logGroupIdentifier;
  if (!identifier) throw invalidParameter('Either the logGroupName or the logGroupIdentifier parameter must be specified.');
  const name = identifier.startsWith('arn:') ? (identifier.split(':log-group:')[1]?.replace(/:\*$/, '') ?? '') : identifier;
  const group = store.groups(ctx.region).get(name);
  if (!group) throw groupNotFound();
  return group;
}

/** Opaque pagination tokens that carry an event seq or a name to resume after. */
export const pageToken = {
  encode: (prefix: string, position: string | number) => `${prefix}/${Buffer.from(String(position)).toString('base64url')}`,
  decode(prefix: string, token: string): string {
    const [p, value] = token.split('/');
    if (p !== prefix || value === undefined) throw invalidParameter('The specified nextToken is invalid.');
    return Buffer.from(value, 'base64url').toString();
  },
  decodeSeq(prefix: string, token: string): number {
    const seq = Number(pageToken.decode(prefix, token));
    if (!Number.isInteger(seq)) throw invalidParameter('The specified nextToken is invalid.');
    return seq;
  },
};
