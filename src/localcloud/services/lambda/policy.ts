import { ACCOUNT_ID } from '../../core/constants.js';
import { parseArn } from '../../core/arn.js';
import { invalidParameter } from './errors.js';

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Principal: '*' | { Service: string } | { AWS: string };
  Action: string;
  Resource: string;
  Condition?: Record<string, Record<string, string>>;
}

export interface PermissionInput {
  StatementId: string;
  Action: string;
  Principal: string;
  SourceArn?: string;
  SourceAccount?: string;
  PrincipalOrgID?: string;
  FunctionUrlAuthType?: string;
}

const INVOKE_ACTIONS = new Set(['lambda:InvokeFunction', 'lambda:*', '*']);

/** A service principal AWS accepts: one of AWS's own service domains. */
const SERVICE_PRINCIPAL = /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/;

/** How AddPermission writes a principal: a service, an account's root, an ARN, or anyone; AWS refuses anything else. */
function principalOf(principal: string): PolicyStatement['Principal'] {
  if (principal === '*') return '*';
  if (/^\d{12}$/.test(principal)) return { AWS: `arn:aws:iam::${principal}:root` };
  if (principal.startsWith('arn:')) return { AWS: principal };
  if (SERVICE_PRINCIPAL.test(principal)) return { Service: principal };
  throw invalidParameter('The provided principal was invalid. Please check the principal and try again.');
}

/** The statement AddPermission adds to the function's resource policy, in AWS's member order. */
export function permissionStatement(input: PermissionInput, resource: string): PolicyStatement {
  const condition: Record<string, Record<string, string>> = {};
  const stringEquals: Record<string, string> = {};
  if (input.SourceAccount) stringEquals['AWS:SourceAccount'] = input.SourceAccount;
  if (input.PrincipalOrgID) stringEquals['aws:PrincipalOrgID'] = input.PrincipalOrgID;
  if (input.FunctionUrlAuthType) stringEquals['lambda:FunctionUrlAuthType'] = input.FunctionUrlAuthType;
  if (Object.keys(stringEquals).length) condition.StringEquals = stringEquals;
  if (input.SourceArn) condition.ArnLike = { 'AWS:SourceArn': input.SourceArn };
  return {
    Sid: input.StatementId,
    Effect: 'Allow',
    Principal: principalOf(input.Principal),
    Action: input.Action,
    Resource: resource,
    ...(Object.keys(condition).length ? { Condition: condition } : {}),
  };
}

export const policyDocument = (statements: PolicyStatement[]) => ({ Version: '2012-10-17', Id: 'default', Statement: statements });

const globs = new Map<string, RegExp>();
function glob(pattern: string): RegExp {
  let re = globs.get(pattern);
  if (!re) {
    re = new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
    );
    globs.set(pattern, re);
  }
  return re;
}

/** IAM's ArnLike: each of the six ARN components matched on its own, with `*` and `?` wildcards. */
function arnLike(pattern: string, value: string): boolean {
  const p = parseArn(pattern);
  const v = parseArn(value);
  if (!p || !v) return glob(pattern).test(value);
  return (['partition', 'service', 'region', 'account', 'resource'] as const).every((k) => glob(p[k]).test(v[k]));
}

function principalMatches(statement: PolicyStatement, service: string): boolean {
  const p = statement.Principal;
  return p === '*' || ('Service' in p && p.Service === service);
}

function conditionsHold(statement: PolicyStatement, sourceArn: string): boolean {
  const c = statement.Condition;
  if (!c) return true;
  const arnPattern = c.ArnLike?.['AWS:SourceArn'];
  if (arnPattern !== undefined && !arnLike(arnPattern, sourceArn)) return false;
  const account = c.StringEquals?.['AWS:SourceAccount'];
  return account === undefined || account === (parseArn(sourceArn)?.account || ACCOUNT_ID);
}

/** True when some statement lets `service` (e.g. apigateway.amazonaws.com) invoke the function from `sourceArn`. */
export function allowsInvoke(statements: readonly PolicyStatement[], service: string, sourceArn: string): boolean {
  return statements.some((s) => s.Effect === 'Allow' && INVOKE_ACTIONS.has(s.Action) && principalMatches(s, service) && conditionsHold(s, sourceArn));
}
