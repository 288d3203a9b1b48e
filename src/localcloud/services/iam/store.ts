import { ACCOUNT_ID } from '../../core/constants.js';
import type { Principal } from '../../core/types.js';
import type { ManagedPolicy } from './managedPolicies.js';
import type { PolicyDocument } from './policy/document.js';
import { PolicySet } from './policy/evaluate.js';
import { noSuchRole } from './errors.js';

/** Decisions remembered per role before the cache starts over (a flood repeats a handful). */
const MAX_CACHED_DECISIONS = 10_000;

export interface InlinePolicy {
  text: string;
  document: PolicyDocument;
}

export interface Role {
  name: string;
  path: string;
  roleId: string;
  arn: string;
  createDate: Date;
  description?: string;
  maxSessionDuration: number;
  trustPolicy: InlinePolicy;
  /** When the trust policy last changed (creation included): Lambda waits out IAM's propagation. */
  trustChangedAt: number;
  tags: Map<string, string>;
  inlinePolicies: Map<string, InlinePolicy>;
  attachedPolicies: Map<string, ManagedPolicy>;
  /** Compiled permissions and remembered decisions; dropped whenever the policies change. */
  permissions?: PolicySet;
  trust?: PolicySet;
  decisions: Map<string, boolean>;
}

export type RoleSession = Extract<Principal, { kind: 'role' }>;

export const roleArn = (path: string, name: string) => `arn:aws:iam::${ACCOUNT_ID}:role${path}${name}`;

/** IAM is global: one store for the whole cloud, whatever region a request is signed for. */
export class IamStore {
  /** Role names are unique case-insensitively, as in IAM. */
  private readonly roles = new Map<string, Role>();
  /**
   * Minted role sessions by access key id, with the unique id of the role they were minted for:
   * like AWS, a session outlives its role but grants nothing, even to a role re-created under the name.
   */
  readonly sessions = new Map<string, { principal: RoleSession; roleId: string | undefined }>();

  findRole(name: string): Role | undefined {
    return this.roles.get(name.toLowerCase());
  }

  role(name: string): Role {
    const role = this.findRole(name);
    if (!role) throw noSuchRole(name);
    return role;
  }

  /** The role a session stands for, if it still exists as the role the session was minted for. */
  sessionRole(session: RoleSession): Role | undefined {
    const minted = this.sessions.get(session.accessKeyId);
    const role = this.roleByArn(session.roleArn);
    return minted && role?.roleId === minted.roleId ? role : undefined;
  }

  /** The role an ARN names (path included), or undefined. */
  roleByArn(arn: string): Role | undefined {
    const role = this.findRole(arn.slice(arn.lastIndexOf('/') + 1));
    return role?.arn === arn ? role : undefined;
  }

  addRole(role: Role): void {
    this.roles.set(role.name.toLowerCase(), role);
  }

  deleteRole(role: Role): void {
    this.roles.delete(role.name.toLowerCase());
  }

  allRoles(): Role[] {
    return [...this.roles.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Call after any change to a role's inline or attached policies. */
  permissionsChanged(role: Role): void {
    role.permissions = undefined;
    role.decisions.clear();
  }

  trustChanged(role: Role, now = Date.now()): void {
    role.trust = undefined;
    role.trustChangedAt = now;
  }

  /** Identity-policy decision for a role, compiled once and remembered per action and resource. */
  isRoleAllowed(role: Role, action: string, resource: string): boolean {
    const key = `${action} ${resource}`;
    const known = role.decisions.get(key);
    if (known !== undefined) return known;
    role.permissions ??= new PolicySet([
      ...[...role.inlinePolicies.values()].map((p) => p.document),
      ...[...role.attachedPolicies.values()].map((p) => p.document),
    ]);
    const allowed = role.permissions.evaluate(action, resource) === 'Allow';
    if (role.decisions.size >= MAX_CACHED_DECISIONS) role.decisions.clear();
    role.decisions.set(key, allowed);
    return allowed;
  }

  /** The roles as plain data (compiled policies and remembered decisions left out): what a durable cloud keeps. */
  saved(): Role[] {
    return this.allRoles().map(({ permissions: _p, trust: _t, decisions: _d, ...role }) => ({ ...role, decisions: new Map() }));
  }

  restore(roles: Role[]): void {
    for (const role of roles) this.addRole({ ...role, decisions: new Map() });
  }

  trustOf(role: Role): PolicySet {
    return (role.trust ??= new PolicySet([role.trustPolicy.document]));
  }
}
