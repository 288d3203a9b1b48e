import { AwsError } from './errors.js';
import type { CallContext, CloudContext, Principal } from './types.js';

/** One IAM check: may the caller do `action` on `resource`? */
export interface Permission {
  action: string;
  resource: string;
}

/**
 * One operation of a service, as every service of the cloud defines them: one file each,
 * `services/<svc>/actions/<operationName>.ts`. `Req` is the call as the service's protocol decodes it
 * (the awsJson body, the awsQuery form, a REST call's members), `I` what the handler gets, `S` the
 * service's store and `C` its call context.
 */
export interface Operation<Req, I, S, C extends CallContext = CallContext, O = unknown> {
  /** AWS's name of the operation: `CreateRole`. */
  readonly name: string;
  /** The IAM action a role session needs for it: `iam:CreateRole` (Lambda's Invoke: `lambda:InvokeFunction`). */
  readonly action: string;
  /** The ARN(s) `action` is checked on, read from the decoded call; `*` when absent. */
  readonly resource?: (req: Req, store: S, ctx: C) => string | readonly string[];
  /**
   * Where one call is checked for other actions than its own (DynamoDB's transactions: each item's,
   * S3's GetObject with a versionId: s3:GetObjectVersion): replaces `action` on `resource`.
   */
  readonly permissions?: (req: Req, store: S, ctx: C) => readonly Permission[];
  /**
   * Why `authorize` does not check this operation, where AWS decides elsewhere: STS's AssumeRole (the role's
   * trust policy with the caller's), S3's DeleteObjects (each key on its own, in the handler).
   */
  readonly unchecked?: string;
  /**
   * The handler's input from the decoded call: a zod schema through core/validation.ts `parseInput`.
   * The identity where the handler validates members itself, in AWS's order among its not-found checks.
   */
  readonly parse: (req: Req, ctx: C) => I;
  /** The handler: throws AwsErrors (the service's errors.ts), returns what the protocol serializes. */
  readonly run: (input: I, store: S, ctx: C) => O;
}

/**
 * `parse` of an operation whose handler validates its members itself, where AWS interleaves those checks
 * with its not-found ones (IAM, STS, Lambda, S3) or an engine validates them (DynamoDB's dynalite, SQS's fauxqs).
 */
export const asDecoded = <Req>(req: Req): Req => req;

/** How a service's calls are checked: what a refusal is on its wire, and when AWS validates the input. */
export interface Checks<Req = unknown> {
  /**
   * The error code and status of a refusal (`AccessDeniedException` 400 unless the service says otherwise), and
   * whether its message names the action in lower case, as SQS's does (`sqs:sendmessage`).
   */
  readonly denied?: { code: string; status: number; lowercaseAction?: boolean };
  /** AWS validates the members before it authorizes (CloudWatch Logs); the other services authorize first. */
  readonly validateFirst?: boolean;
  /**
   * The service's own access decision, asked before IAM (S3's bucket policy and anonymous callers):
   * true grants, false leaves the call to IAM, and a refusal throws the service's own error.
   */
  readonly grants?: (permission: Permission, req: Req, ctx: CallContext) => boolean;
}

const DENIED: NonNullable<Checks['denied']> = { code: 'AccessDeniedException', status: 400 };

/**
 * The one place the cloud asks IAM's policy evaluation (iam/policy/evaluate.ts, through IamApi): the
 * developer (root) may do anything; a role session needs an identity-based policy allowing the permission
 * (explicit Deny wins).
 */
export function isAllowed(cloud: CloudContext, principal: Principal, { action, resource }: Permission): boolean {
  return principal.kind === 'root' || cloud.api('iam').isAllowed(principal, action, resource);
}

/**
 * Throws the service's refusal unless the caller may do each of `permissions`: the service's own grants
 * first (S3's bucket policy), then IAM's (`isAllowed`). Every service's calls are checked here, by `dispatch`.
 */
export function authorize<Req>(ctx: CallContext, permissions: readonly Permission[], checks: Checks<Req> = {}, req?: Req): void {
  const { principal } = ctx;
  for (const permission of permissions) {
    if (checks.grants?.(permission, req as Req, ctx)) continue;
    if (isAllowed(ctx.cloud, principal, permission)) continue;
    const { code, status, lowercaseAction } = checks.denied ?? DENIED;
    const action = lowercaseAction ? permission.action.toLowerCase() : permission.action;
    throw new AwsError(
      code,
      `User: ${principal.arn} is not authorized to perform: ${action} on resource: ${permission.resource} because no identity-based policy allows the ${action} action`,
      status,
    );
  }
}

/** The permissions a call of `op` needs: its action on each resource it names (`*` when it names none). */
export function permissionsOf<Req, I, S, C extends CallContext, O>(op: Operation<Req, I, S, C, O>, req: Req, store: S, ctx: C): readonly Permission[] {
  if (op.unchecked !== undefined) return [];
  if (op.permissions) return op.permissions(req, store, ctx);
  const resource = op.resource?.(req, store, ctx) ?? '*';
  return (typeof resource === 'string' ? [resource] : resource).map((r) => ({ action: op.action, resource: r }));
}

/**
 * Runs one call of `op`: authorizes it, parses its input (the other way round where AWS validates first:
 * `checks.validateFirst`) and runs its handler. The service's binding finds `op` and serializes what this returns.
 */
export function dispatch<Req, I, S, C extends CallContext, O>(op: Operation<Req, I, S, C, O>, req: Req, store: S, ctx: C, checks: Checks<Req> = {}): O {
  const parsedFirst = checks.validateFirst ? { input: op.parse(req, ctx) } : undefined;
  // Root is not checked: its permissions are not even read (the resource lookups are the service's).
  if (ctx.principal.kind !== 'root' || checks.grants) authorize(ctx, permissionsOf(op, req, store, ctx), checks, req);
  const input = parsedFirst ? parsedFirst.input : op.parse(req, ctx);
  return op.run(input, store, ctx);
}

/** An operations table by name, for the services that find the operation by name (X-Amz-Target, Action). */
export function byName<T extends { name: string }>(operations: readonly T[]): ReadonlyMap<string, T> {
  return new Map(operations.map((op) => [op.name, op]));
}
