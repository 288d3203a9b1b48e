import { z } from 'zod';
import type { CallContext } from '../../core/types.js';
import type { ApiStore } from './store.js';
import { badRequest } from './errors.js';

/**
 * One API Gateway v2 operation: its HTTP binding (method, `/v2/...` path with `:labels`,
 * success status), its input schema (body members, path labels and query members merged,
 * lowerCamelCase as on the wire) and its handler.
 */
export interface ApigwAction<S extends z.ZodType = z.ZodType> {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  status: number;
  schema: S;
  run(input: z.output<S>, store: ApiStore, ctx: CallContext): unknown;
}

export const defineAction = <S extends z.ZodType>(
  method: ApigwAction['method'],
  path: string,
  status: number,
  schema: S,
  run: ApigwAction<S>['run'],
): ApigwAction<S> => ({ method, path, status, schema, run });

/** Members several operations share. */
export const apiId = z.string().min(1);
export const tags = z.record(z.string().min(1).max(128), z.string().max(256));
export const corsConfiguration = z.object({
  allowCredentials: z.boolean().optional(),
  allowHeaders: z.array(z.string()).optional(),
  allowMethods: z.array(z.string()).optional(),
  allowOrigins: z.array(z.string()).optional(),
  exposeHeaders: z.array(z.string()).optional(),
  maxAge: z.number().int().min(-1).max(86_400).optional(),
});
/** `maxResults` / `nextToken` arrive as query strings. */
export const paging = {
  maxResults: z.coerce.number().int().min(1).max(500).optional(),
  nextToken: z.string().optional(),
};

/** One page of `items`, with the token of the next page (an opaque offset). */
export function page<T>(items: T[], input: { maxResults?: number; nextToken?: string }): { items: T[]; nextToken?: string } {
  const start = input.nextToken === undefined ? 0 : Number(Buffer.from(input.nextToken, 'base64url').toString());
  if (!Number.isInteger(start) || start < 0) throw badRequest(`Invalid pagination token ${input.nextToken}`);
  const end = input.maxResults === undefined ? items.length : start + input.maxResults;
  return { items: items.slice(start, end), nextToken: end < items.length ? Buffer.from(String(end)).toString('base64url') : undefined };
}

/** The integration members CreateIntegration and UpdateIntegration accept. */
export const integrationMembers = {
  integrationType: z.string().optional(),
  integrationUri: z.string().optional(),
  payloadFormatVersion: z.enum(['1.0', '2.0']).optional(),
  timeoutInMillis: z.number().int().optional(),
  description: z.string().max(1024).optional(),
};

/** The route members CreateRoute and UpdateRoute accept (authorizers are not modelled: NONE). */
export const routeMembers = {
  target: z.string().optional(),
  operationName: z.string().optional(),
  apiKeyRequired: z.boolean().optional(),
  authorizationType: z.literal('NONE').optional(),
};

/** The stage members CreateStage and UpdateStage accept. */
export const stageMembers = {
  autoDeploy: z.boolean().optional(),
  deploymentId: z.string().optional(),
  description: z.string().max(1024).optional(),
  stageVariables: z.record(z.string(), z.string()).optional(),
  defaultRouteSettings: z.record(z.string(), z.unknown()).optional(),
  routeSettings: z.record(z.string(), z.unknown()).optional(),
};
export const stageName = z.string().min(1);
