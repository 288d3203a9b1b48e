import { drift, hasDrift, type Drift } from '../drift.js';
import {
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  type IAMClient,
  type Role,
} from '@aws-sdk/client-iam';
import type { Resource, StackContext } from '../context.js';
import { consumerPolicy, LAMBDA_TRUST_POLICY, producerPolicy, samePolicy, type PolicyDocument } from '../policies.js';
import { doneUnlessNotFound, unlessNotFound } from '../retry.js';
import { fromTagList, missingTags, toTagList } from './tags.js';

interface RoleState {
  role: Role;
  trust: unknown;
  inline: unknown;
  tags: Record<string, string>;
}

type Fn = 'producer' | 'consumer';
/** The one inline policy `up` manages on each role. */
export const INLINE_POLICY_NAME = 'bus-cli';

const decode = (doc: string | undefined) => (doc ? JSON.parse(decodeURIComponent(doc)) : undefined);

/** Deletes a role with its inline policies and managed-policy attachments (IAM refuses while any remain). */
export async function deleteRole(iam: IAMClient, RoleName: string): Promise<boolean> {
  return doneUnlessNotFound(async () => {
    const { PolicyNames } = await iam.send(new ListRolePoliciesCommand({ RoleName }));
    for (const PolicyName of PolicyNames ?? []) await iam.send(new DeleteRolePolicyCommand({ RoleName, PolicyName }));
    const { AttachedPolicies } = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName }));
    for (const { PolicyArn } of AttachedPolicies ?? []) await iam.send(new DetachRolePolicyCommand({ RoleName, PolicyArn }));
    await iam.send(new DeleteRoleCommand({ RoleName }));
  });
}

function roleResource(fn: Fn): Resource<RoleState> {
  const roleName = (ctx: StackContext) => (fn === 'producer' ? ctx.names.producerRole : ctx.names.consumerRole);
  const policy = (ctx: StackContext): PolicyDocument => (fn === 'producer' ? producerPolicy(ctx) : consumerPolicy(ctx));
  const setOutput = (ctx: StackContext, arn: string | undefined) => {
    if (fn === 'producer') ctx.outputs.producerRoleArn = arn;
    else ctx.outputs.consumerRoleArn = arn;
  };

  return {
    id: `role:${fn}`,
    // Created first thing: IAM propagation to Lambda then overlaps the other resources. The consumer's
    // policy names the bucket, whose name is only final once it exists (CreateBucket may fall back).
    after: fn === 'consumer' ? ['bucket'] : [],
    name: roleName,

    read: (ctx) =>
      unlessNotFound(async () => {
        const iam = ctx.clients.iam;
        const { Role: role } = await iam.send(new GetRoleCommand({ RoleName: roleName(ctx) }));
        if (!role) return undefined;
        const inlinePolicy = await unlessNotFound(() => iam.send(new GetRolePolicyCommand({ RoleName: roleName(ctx), PolicyName: INLINE_POLICY_NAME })));
        return { role, trust: decode(role.AssumeRolePolicyDocument), inline: decode(inlinePolicy?.PolicyDocument), tags: fromTagList(role.Tags) };
      }),

    diff(ctx, current) {
      if (!current) return [drift('absent')];
      const reasons: Drift[] = [];
      if (!samePolicy(current.trust, LAMBDA_TRUST_POLICY)) reasons.push(drift('trust-policy-differs'));
      if (!samePolicy(current.inline, policy(ctx))) reasons.push(drift(current.inline ? 'permissions-differ' : 'permissions-missing'));
      if (missingTags(current.tags, ctx.tags).length) reasons.push(drift('tags-missing'));
      return reasons;
    },

    async apply(ctx, current, reasons) {
      const iam = ctx.clients.iam;
      const RoleName = roleName(ctx);
      let arn = current?.role.Arn;
      if (!current) {
        const created = await iam.send(
          new CreateRoleCommand({
            RoleName,
            AssumeRolePolicyDocument: JSON.stringify(LAMBDA_TRUST_POLICY),
            Description: `bus-cli ${fn} execution role (stack ${ctx.names.stack})`,
            Tags: toTagList(ctx.tags),
          }),
        );
        arn = created.Role?.Arn;
      } else {
        if (hasDrift(reasons, 'trust-policy-differs')) {
          await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName, PolicyDocument: JSON.stringify(LAMBDA_TRUST_POLICY) }));
        }
        if (hasDrift(reasons, 'tags-missing')) await iam.send(new TagRoleCommand({ RoleName, Tags: toTagList(ctx.tags) }));
      }
      if (!current || hasDrift(reasons, 'permissions-missing', 'permissions-differ')) {
        await iam.send(new PutRolePolicyCommand({ RoleName, PolicyName: INLINE_POLICY_NAME, PolicyDocument: JSON.stringify(policy(ctx)) }));
      }
      setOutput(ctx, arn);
    },

    outputs(ctx, current) {
      setOutput(ctx, current.role.Arn);
    },

    destroy: (ctx) => deleteRole(ctx.clients.iam, roleName(ctx)),

    describe: (_ctx, current) => current.role.Arn ?? '',
  };
}

export const producerRole = roleResource('producer');
export const consumerRole = roleResource('consumer');
