import { z } from 'zod';
import type { Operation } from '../../core/operation.js';
import { jsonBody, type EdgeRequest } from '../../core/request.js';
import type { Params } from '../../core/router.js';
import type { CallContext } from '../../core/types.js';
import { parseInput } from '../../core/validation.js';
import type { ApiStore } from './store.js';
import { badRequest } from './errors.js';

/** An API Gateway v2 call as its REST binding routes it: the request and its path labels. */
export interface ApigwRequest {
  http: EdgeRequest;
  params: Params;
}

/** Query members as the schemas read them: a repeated key becomes an array. */
function queryMembers(query: URLSearchParams): Record<string, string | string[]> {
  const members: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    members[key] = values.length === 1 ? values[0] : values;
  }
  return members;
}

/** The members an operation's schema reads: the query's, the JSON body's, then the path labels. */
const membersOf = ({ http, params }: ApigwRequest) => ({ ...queryMembers(http.query), ...jsonBody<Record<string, unknown>>(http), ...params });

/**
 * One API Gateway v2 operation (core/operation.ts) with its HTTP binding: method, `/v2/...` path with
 * `:labels`, success status. Its input schema reads the members, lowerCamelCase as on the wire; AWS
 * authorizes the call (the HTTP method on the path's resource) before it validates them.
 */
// biome-ignore lint/suspicious/noExplicitAny: a table holds operations of every input type
export interface ApigwOperation<I = any> extends Operation<ApigwRequest, I, ApiStore> {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  status: number;
}

/** The resource an API Gateway call is authorized against: `arn:aws:apigateway:<region>::/apis/...`. */
const resource = (req: ApigwRequest, _store: ApiStore, ctx: CallContext) => `arn:aws:apigateway:${ctx.region}::${req.http.path.replace(/^\/v2/, '')}`;

/** An operation's name, HTTP binding, schema and handler; its IAM action is `apigateway:<its method>`, as AWS's are. */
export const defineAction = <S extends z.ZodType>(
  head: Pick<ApigwOperation, 'name' | 'method' | 'path' | 'status'>,
  schema: S,
  run: (input: z.output<S>, store: ApiStore, ctx: CallContext) => unknown,
): ApigwOperation<z.output<S>> => ({
  ...head,
  action: `apigateway:${head.method}`,
  resource,
  parse: (req) => parseInput(schema, membersOf(req), 'BadRequestException'),
  run,
});

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
