import { z } from 'zod';
import type { CallContext } from '../../core/types.js';
import { groupNotFound, invalidParameter } from './errors.js';
import type { LogGroup, LogStore } from './store.js';

/** One CloudWatch Logs operation: its input schema and its handler. */
export interface LogsAction<S extends z.ZodType = z.ZodType> {
  schema: S;
  run(input: z.output<S>, store: LogStore, ctx: CallContext): unknown;
}

export const defineAction = <S extends z.ZodType>(schema: S, run: LogsAction<S>['run']): LogsAction<S> => ({ schema, run });

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
