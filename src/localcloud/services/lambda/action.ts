import type { IncomingHttpHeaders } from 'node:http';
import type { z } from 'zod';
import { arn } from '../../core/arn.js';
import { asDecoded, type Operation } from '../../core/operation.js';
import { jsonBody, type EdgeRequest } from '../../core/request.js';
import type { Params } from '../../core/router.js';
import type { CallContext } from '../../core/types.js';
import { parseInput } from '../../core/validation.js';
import { preconditionFailed } from './errors.js';
import { assertUpdatable } from './lifecycle.js';
import type { EventSourcePollers } from './esm/pollers.js';
import type { Invoker } from './invoker.js';
import type { LambdaRuntime } from './runtime/runtime.js';
import type { Scheduler } from './scheduler.js';
import { functionArn, functionNameOf, type LambdaFunction, type LambdaStore } from './store.js';
import { assertUpdatableRuntime } from './validate.js';

export interface LambdaInput {
  params: Params;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface LambdaOutput {
  status: number;
  /** Serialized as JSON; `raw` is sent as is instead (Invoke's payload). */
  body?: unknown;
  raw?: Buffer;
  headers?: Record<string, string>;
}

/** What Lambda's operations share besides the store. */
export interface LambdaServices {
  runtime: LambdaRuntime;
  invoker: Invoker;
  scheduler: Scheduler;
  pollers: EventSourcePollers;
}

export interface LambdaContext extends CallContext {
  lambda: LambdaServices;
}

/**
 * One Lambda operation (core/operation.ts): the REST call (path labels, query, headers, body) in, the status
 * and body out. Lambda authorizes a call before it reads it; a handler looks its function up before it
 * validates the body, as AWS answers (ResourceNotFound before a validation error), so it reads the body itself
 * (`readBody`). Its method and path are in routes.ts.
 */
export type LambdaOperation = Operation<LambdaInput, LambdaInput, LambdaStore, LambdaContext, LambdaOutput | Promise<LambdaOutput>>;

/** The name, IAM action and resource of a Lambda operation, then its handler. */
export const defineAction = (head: Pick<LambdaOperation, 'name' | 'action' | 'resource'>, run: LambdaOperation['run']): LambdaOperation => ({
  ...head,
  parse: asDecoded,
  run,
});

/** The resource an IAM policy must allow for a call: the function, the mapping, or `*`. */
export function lambdaResource({ params }: LambdaInput, _store: LambdaStore, ctx: CallContext): string {
  if (params.Resource) return params.Resource;
  if (params.FunctionName) return functionArn(ctx.region, functionNameOf(params.FunctionName));
  if (params.UUID) return arn('lambda', ctx.region, `event-source-mapping:${params.UUID}`);
  return '*';
}

export const toInput = (req: EdgeRequest, params: Params): LambdaInput => ({ params, query: req.query, headers: req.headers, body: req.body });

export function readBody<S extends z.ZodType>(input: LambdaInput, schema: S): z.output<S> {
  return parseInput(schema, jsonBody(input));
}

/** The function named in the path (and the Qualifier query, when given). */
export function targetFunction(input: LambdaInput, store: LambdaStore, ctx: CallContext): LambdaFunction {
  const qualifier = input.query.get('Qualifier');
  return store.reachable(qualifier ? `${input.params.FunctionName}:${qualifier}` : input.params.FunctionName, ctx.region);
}

/** Optimistic locking: a RevisionId in the request must be the function's current one. */
export function assertRevision(fn: LambdaFunction, revisionId: string | undefined): void {
  if (revisionId !== undefined && revisionId !== fn.revisionId) {
    throw preconditionFailed();
  }
}

/**
 * The function an update (code or configuration) names, and the update's body, checked in the order both
 * updates check them: RevisionId, then the function's state, then the runtime (`runtimeOf`: the one the
 * update asks for, if it asks for one).
 */
export function functionToUpdate<S extends z.ZodType<{ RevisionId?: string }>>(
  input: LambdaInput,
  store: LambdaStore,
  ctx: CallContext,
  schema: S,
  runtimeOf: (body: z.output<S>) => string | undefined = () => undefined,
): { fn: LambdaFunction; body: z.output<S> } {
  const fn = targetFunction(input, store, ctx);
  const body = readBody(input, schema);
  assertRevision(fn, body.RevisionId);
  assertUpdatable(fn);
  assertUpdatableRuntime(fn.config.runtime, runtimeOf(body), ctx.cloud.clock.now());
  return { fn, body };
}

export const ok = (body?: unknown, status = 200): LambdaOutput => ({ status, body });
export const noContent = (): LambdaOutput => ({ status: 204 });
