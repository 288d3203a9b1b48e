import { AwsError } from '../../core/errors.js';
import { bucketArn } from './resources.js';

/** S3 refuses bucket policies larger than this. */
const MAX_POLICY_BYTES = 20 * 1024;
const S3_ACTION = /^(\*|s3:[A-Za-z*?]+)$/;

/**
 * Condition keys that tie a wildcard principal to fixed sources: a statement restricted by one of
 * them does not make a policy public (AWS's "public" rules, simplified to "no wildcard in the value").
 */
const RESTRICTING_CONDITION_KEYS = new Set([
  'aws:sourceip',
  'aws:sourcearn',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceowner',
  'aws:sourceaccount',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:userid',
  's3:dataaccesspointarn',
  's3:dataaccesspointaccount',
]);

type Conditions = Record<string, Record<string, unknown>>;

interface Statement {
  effect: 'Allow' | 'Deny';
  /** '*' for everyone (anonymous callers included); else the AWS principals named. */
  principals: '*' | string[];
  actions: RegExp[];
  /** True for NotAction: the statement covers every action but these. */
  notAction: boolean;
  resources: RegExp[];
  notResource: boolean;
  conditions?: Conditions;
}

export interface BucketPolicy {
  /** The document as put, returned verbatim by GetBucketPolicy. */
  text: string;
  statements: Statement[];
  /** AWS's notion of a public policy: it grants to everyone with no restricting condition. */
  isPublic: boolean;
}

/** Who is asking: an anonymous caller, or a signed principal known by its ARNs (session and role). */
export type PolicySubject = 'anonymous' | readonly string[];

const malformed = (message: string) => new AwsError('MalformedPolicy', message, 400);
const list = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function strings(value: unknown, field: string): string[] {
  const items = list(value);
  if (!items.length) throw malformed(`Missing required field ${field}`);
  if (!items.every((v): v is string => typeof v === 'string')) throw malformed(`Policy has invalid ${field.toLowerCase()}`);
  return items;
}

/** IAM-style wildcard pattern: `*` any run, `?` one character. */
function glob(pattern: string, ignoreCase = false): RegExp {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
}

function parsePrincipal(value: unknown): '*' | string[] {
  if (value === undefined) throw malformed('Missing required field Principal');
  if (value === '*') return '*';
  if (typeof value !== 'object' || value === null) throw malformed('Invalid principal in policy');
  const aws = list((value as Record<string, unknown>).AWS).map(String);
  if (aws.includes('*')) return '*';
  // A bare account id stands for the account's root principal.
  return aws.map((p) => (/^\d{12}$/.test(p) ? `arn:aws:iam::${p}:root` : p));
}

function parseStatement(raw: unknown, bucket: string): Statement {
  if (typeof raw !== 'object' || raw === null) throw malformed('Missing required field Statement');
  const s = raw as Record<string, unknown>;
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny')
    throw malformed(s.Effect === undefined ? 'Missing required field Effect' : `Invalid effect: ${String(s.Effect)}`);
  const notAction = s.Action === undefined && s.NotAction !== undefined;
  const actions = strings(notAction ? s.NotAction : s.Action, 'Action');
  if (!actions.every((a) => S3_ACTION.test(a))) throw malformed('Policy has invalid action');
  const notResource = s.Resource === undefined && s.NotResource !== undefined;
  const resources = strings(notResource ? s.NotResource : s.Resource, 'Resource');
  // Each resource must name this bucket or objects in it: the part before the key must match the bucket ARN.
  if (!resources.every((r) => glob(r.split('/')[0]).test(bucketArn(bucket)))) throw malformed('Policy has invalid resource');
  return {
    effect: s.Effect,
    // NotPrincipal is accepted but not modelled: such a statement applies to no one.
    principals: s.Principal === undefined && s.NotPrincipal !== undefined ? [] : parsePrincipal(s.Principal),
    actions: actions.map((a) => glob(a, true)),
    notAction,
    resources: resources.map((r) => glob(r)),
    notResource,
    conditions: s.Condition as Conditions | undefined,
  };
}

function isRestricting(conditions: Conditions): boolean {
  return Object.values(conditions).some((byKey) =>
    Object.entries(byKey ?? {}).some(
      ([key, values]) => RESTRICTING_CONDITION_KEYS.has(key.toLowerCase()) && list(values).every((v) => !String(v).includes('*') && v !== '0.0.0.0/0'),
    ),
  );
}

/** Validates a bucket policy as PutBucketPolicy does (MalformedPolicy) and keeps it ready to evaluate. */
export function parseBucketPolicy(text: string, bucket: string): BucketPolicy {
  if (Buffer.byteLength(text) > MAX_POLICY_BYTES) throw malformed('Policies must be smaller than 20 KB');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    doc = undefined;
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw malformed("Policies must be valid JSON and the first byte must be '{'");
  const raw = list((doc as Record<string, unknown>).Statement);
  if (!raw.length) throw malformed('Missing required field Statement');
  const statements = raw.map((s) => parseStatement(s, bucket));
  const isPublic = statements.some((s) => s.effect === 'Allow' && s.principals === '*' && !(s.conditions && isRestricting(s.conditions)));
  return { text, statements, isPublic };
}

function applies(s: Statement, subject: PolicySubject, action: string, resource: string): boolean {
  // Conditions are not evaluated: a conditional statement neither grants nor denies here.
  if (s.conditions) return false;
  const principalMatches = s.principals === '*' || (subject !== 'anonymous' && s.principals.some((p) => subject.includes(p)));
  const actionMatches = s.actions.some((a) => a.test(action)) !== s.notAction;
  const resourceMatches = s.resources.some((r) => r.test(resource)) !== s.notResource;
  return principalMatches && actionMatches && resourceMatches;
}

/** The policy's say on one request: an explicit Deny wins over any Allow; undefined when it is silent. */
export function policyEffect(policy: BucketPolicy, subject: PolicySubject, action: string, resource: string): 'Allow' | 'Deny' | undefined {
  let effect: 'Allow' | undefined;
  for (const s of policy.statements) {
    if (!applies(s, subject, action, resource)) continue;
    if (s.effect === 'Deny') return 'Deny';
    effect = 'Allow';
  }
  return effect;
}
