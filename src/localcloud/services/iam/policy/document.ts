import { AwsError } from '../../../core/errors.js';

/** One statement as written: string-or-array members are kept as AWS allows them. */
export interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: PrincipalBlock;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, unknown>;
}
export type PrincipalBlock = '*' | Record<string, string | string[]>;

export interface PolicyDocument {
  Version?: string;
  Statement: Statement[];
}

/** Identity policies (inline, managed) name resources; trust policies name principals instead. */
export type PolicyKind = 'identity' | 'trust';

export const POLICY_VERSION = '2012-10-17';
const KNOWN_VERSIONS = new Set(['2008-10-17', POLICY_VERSION]);
const TOP_LEVEL = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_MEMBERS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
const VENDOR = /^[a-zA-Z0-9.-]+$/;

const malformed = (message: string) => new AwsError('MalformedPolicyDocument', message, 400);
const SYNTAX_ERROR = 'Syntax errors in policy.';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringOrStrings = (v: unknown) => typeof v === 'string' || (Array.isArray(v) && v.every((s) => typeof s === 'string'));

/** The members of a string-or-array policy element as an array (absent: empty). */
export function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

/**
 * Parses and validates a policy document the way IAM does on PutRolePolicy / CreateRole,
 * throwing MalformedPolicyDocument with IAM's messages.
 */
export function parsePolicyDocument(text: string, kind: PolicyKind): PolicyDocument {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw malformed(SYNTAX_ERROR);
  }
  if (!isObject(json) || Object.keys(json).some((k) => !TOP_LEVEL.has(k))) throw malformed(SYNTAX_ERROR);
  if (json.Version !== undefined && !KNOWN_VERSIONS.has(json.Version as string)) throw malformed(SYNTAX_ERROR);
  const raw = json.Statement;
  const statements = Array.isArray(raw) ? raw : isObject(raw) ? [raw] : undefined;
  if (!statements || statements.length === 0) throw malformed(SYNTAX_ERROR);
  for (const s of statements) checkSyntax(s);
  const typed = statements as Statement[];
  if (kind === 'identity' && json.Version !== POLICY_VERSION) throw malformed('Policy document must be version 2012-10-17 or greater.');
  checkUniqueSids(typed);
  for (const s of typed) checkSemantics(s, kind);
  return { Version: json.Version as string | undefined, Statement: typed };
}

function checkSyntax(s: unknown): void {
  if (!isObject(s) || Object.keys(s).some((k) => !STATEMENT_MEMBERS.has(k))) throw malformed(SYNTAX_ERROR);
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') throw malformed(SYNTAX_ERROR);
  if (('Action' in s && 'NotAction' in s) || ('Resource' in s && 'NotResource' in s)) throw malformed(SYNTAX_ERROR);
  for (const key of ['Action', 'NotAction', 'Resource', 'NotResource'] as const) {
    if (key in s && !isStringOrStrings(s[key])) throw malformed(SYNTAX_ERROR);
  }
  if ('Sid' in s && typeof s.Sid !== 'string') throw malformed(SYNTAX_ERROR);
  if ('Condition' in s && !isObject(s.Condition)) throw malformed(SYNTAX_ERROR);
  if ('Principal' in s && s.Principal !== '*' && !isObject(s.Principal)) throw malformed(SYNTAX_ERROR);
}

function checkUniqueSids(statements: Statement[]): void {
  const seen = new Set<string>();
  for (const { Sid } of statements) {
    if (!Sid) continue;
    if (seen.has(Sid)) throw malformed('Statement IDs (SID) in a single policy must be unique.');
    seen.add(Sid);
  }
}

function checkSemantics(s: Statement, kind: PolicyKind): void {
  const actions = asList(s.Action ?? s.NotAction);
  if (actions.length === 0) throw malformed('Policy statement must contain actions.');
  for (const action of actions) checkActionPrefix(action);
  if (kind === 'identity') {
    if (s.Principal !== undefined || 'NotPrincipal' in s) throw malformed('Policy document should not specify a principal.');
    const resources = asList(s.Resource ?? s.NotResource);
    if (resources.length === 0) throw malformed('Policy statement must contain resources.');
    for (const r of resources) {
      if (r !== '*' && !r.includes(':')) throw malformed(`Resource ${r} must be in ARN format or "*".`);
    }
  } else {
    if (s.Resource !== undefined || s.NotResource !== undefined) throw malformed('Has prohibited field Resource');
    if (s.Principal === undefined && !('NotPrincipal' in s)) throw malformed('Missing required field Principal');
  }
}

function checkActionPrefix(action: string): void {
  if (action === '*') return;
  const parts = action.split(':');
  if (parts.length === 1) throw malformed('Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.');
  if (parts.length > 2) throw malformed('Actions/Condition can contain only one colon.');
  if (!VENDOR.test(parts[0])) throw malformed(`Vendor ${parts[0]} is not valid`);
}
