import { AttachRolePolicyCommand, CreateRoleCommand, GetRoleCommand, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import type { Case, CaseContext } from '../types.js';
import type { Clients } from '../../../src/aws/clients.js';
import { error, recorded } from './common.js';

const T = 'iam/test_iam';
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const ROLE_KEYS = ['Arn', 'AssumeRolePolicyDocument', 'CreateDate', 'Path', 'RoleId', 'RoleName'];
const createRole = (c: Clients, ctx: CaseContext, extra: object = {}) =>
  c.iam.send(new CreateRoleCommand({ RoleName: ctx.name('role'), AssumeRolePolicyDocument: TRUST, ...extra }));

export const IAM_CASES: Case[] = [
  ...recorded('iam', T, 'TestIAMIntegrations::test_role_attach_policy', [
    {
      id: 'iam.attach-role-policy.malformed-arn',
      run: async (c, ctx) => {
        await createRole(c, ctx);
        return c.iam.send(new AttachRolePolicyCommand({ RoleName: ctx.name('role'), PolicyArn: 'longpolicynamebutnoarn' }));
      },
      expect: error('ValidationError', 400),
    },
    {
      id: 'iam.attach-role-policy.missing-policy',
      run: async (c, ctx) => {
        await createRole(c, ctx);
        return c.iam.send(new AttachRolePolicyCommand({ RoleName: ctx.name('role'), PolicyArn: `arn:aws:iam::${ctx.account}:policy/${ctx.name('nope')}` }));
      },
      expect: error('NoSuchEntityException', 404),
    },
    {
      id: 'iam.attach-role-policy.managed',
      run: async (c, ctx) => {
        await createRole(c, ctx);
        return c.iam.send(
          new AttachRolePolicyCommand({ RoleName: ctx.name('role'), PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }),
        );
      },
      expect: { keys: [] },
    },
  ]),
  ...recorded('iam', T, 'TestIAMIntegrations::test_create_describe_role', [
    {
      id: 'iam.create-role',
      run: (c, ctx) => createRole(c, ctx, { Path: '/conformance/' }),
      expect: { keys: ['Role'], nested: { Role: ROLE_KEYS }, values: { 'Role.Path': '/conformance/' } },
    },
    {
      id: 'iam.get-role',
      run: async (c, ctx) => {
        await createRole(c, ctx);
        return c.iam.send(new GetRoleCommand({ RoleName: ctx.name('role') }));
      },
      expect: {
        keys: ['Role'],
        nested: { Role: [...ROLE_KEYS, 'MaxSessionDuration', 'RoleLastUsed'] },
        values: { 'Role.MaxSessionDuration': 3600, 'Role.RoleLastUsed': {} },
      },
    },
  ]),
  ...recorded('iam', T, 'TestRoles::test_role_with_tags', [
    {
      id: 'iam.create-role.with-tags',
      run: (c, ctx) => createRole(c, ctx, { Tags: [{ Key: 'app', Value: 'bus-cli' }] }),
      expect: { keys: ['Role'], nested: { Role: [...ROLE_KEYS, 'Tags'] }, values: { 'Role.Tags': [{ Key: 'app', Value: 'bus-cli' }] } },
    },
  ]),
  ...recorded('iam', T, 'TestIAMIntegrations::test_update_assume_role_policy', [
    {
      id: 'iam.update-assume-role-policy',
      run: async (c, ctx) => {
        await createRole(c, ctx);
        return c.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: ctx.name('role'), PolicyDocument: TRUST }));
      },
      expect: { keys: [] },
    },
  ]),
  ...recorded('iam', T, 'TestIAMExtensions::test_create_role_with_malformed_assume_role_policy_document', [
    {
      id: 'iam.create-role.invalid-json-trust',
      run: (c, ctx) => createRole(c, ctx, { AssumeRolePolicyDocument: '{"Version": "2012-10-17", "Statement": [' }),
      expect: error('MalformedPolicyDocumentException', 400),
    },
  ]),
];
