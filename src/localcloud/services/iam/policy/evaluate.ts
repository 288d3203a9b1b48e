import { asList, type PolicyDocument, type PrincipalBlock, type Statement } from './document.js';

type Matcher = (value: string) => boolean;
const ANYTHING: Matcher = () => true;

/** IAM wildcards: `*` any run of characters (including `/` and `:`), `?` exactly one. */
export function wildcardMatcher(patterns: readonly string[], ignoreCase: boolean): Matcher {
  if (patterns.includes('*')) return ANYTHING;
  const source = patterns
    .map((p) =>
      p
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.'),
    )
    .join('|');
  const regex = new RegExp(`^(?:${source})$`, ignoreCase ? 'is' : 's');
  return (value) => regex.test(value);
}

/** A statement reduced to matchers; the `not*` flags flip them for NotAction / NotResource. */
interface CompiledStatement {
  deny: boolean;
  action: Matcher;
  notAction: boolean;
  resource: Matcher;
  notResource: boolean;
  principal?: PrincipalBlock;
}

export type Decision = 'Allow' | 'Deny' | 'ImplicitDeny';

/** Who asks to assume a role: an AWS service, or identities named by ARN / account id. */
export type TrustCaller = { service: string } | { aws: readonly string[] };

function compileStatement(s: Statement): CompiledStatement {
  return {
    deny: s.Effect === 'Deny',
    action: wildcardMatcher(asList(s.Action ?? s.NotAction), true),
    notAction: s.Action === undefined,
    resource: wildcardMatcher(asList(s.Resource ?? s.NotResource ?? '*'), false),
    notResource: s.Resource === undefined && s.NotResource !== undefined,
    principal: s.Principal,
  };
}

function principalMatches(block: PrincipalBlock | undefined, caller: TrustCaller): boolean {
  if (block === '*') return true;
  if (block === undefined) return false;
  if ('service' in caller) return asList(block.Service).includes(caller.service);
  const named = asList(block.AWS);
  return named.includes('*') || named.some((p) => caller.aws.includes(p));
}

/**
 * IAM evaluation over a set of documents: an explicit Deny wins, otherwise any Allow, otherwise
 * the implicit deny. Condition blocks are not evaluated: a statement applies as if its conditions
 * held (so a conditional Deny denies: stricter, never looser). NotPrincipal never matches.
 */
export class PolicySet {
  private readonly statements: CompiledStatement[];

  constructor(documents: readonly PolicyDocument[]) {
    this.statements = documents.flatMap((d) => d.Statement.map(compileStatement));
  }

  /** Identity-based policies: may the holder do `action` on `resource`? */
  evaluate(action: string, resource: string): Decision {
    return this.decide((s) => s.action(action) !== s.notAction && s.resource(resource) !== s.notResource);
  }

  /** A trust policy: may `caller` do `action` (sts:AssumeRole) on the role? */
  evaluateTrust(caller: TrustCaller, action: string): Decision {
    return this.decide((s) => s.action(action) !== s.notAction && principalMatches(s.principal, caller));
  }

  private decide(applies: (s: CompiledStatement) => boolean): Decision {
    let allowed = false;
    for (const s of this.statements) {
      if (!applies(s)) continue;
      if (s.deny) return 'Deny';
      allowed = true;
    }
    return allowed ? 'Allow' : 'ImplicitDeny';
  }
}
