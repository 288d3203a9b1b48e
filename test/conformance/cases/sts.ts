import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import type { Case } from '../types.js';
import { error, fromReference, recorded } from './common.js';

const T = 'sts/test_sts';
const TRUST_ACCOUNT = (account: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' }] });
const assume = (RoleArn: string, RoleSessionName = 's1') => new AssumeRoleCommand({ RoleArn, RoleSessionName });

export const STS_CASES: Case[] = [
  ...recorded('sts', T, 'TestSTSIntegrations::test_assume_role', [
    {
      id: 'sts.assume-role',
      run: async (c, ctx) => {
        const { Role } = await c.iam.send(new CreateRoleCommand({ RoleName: ctx.name('role'), AssumeRolePolicyDocument: TRUST_ACCOUNT(ctx.account) }));
        return c.sts.send(assume(Role!.Arn!));
      },
      expect: {
        keys: ['AssumedRoleUser', 'Credentials'],
        nested: { AssumedRoleUser: ['Arn', 'AssumedRoleId'], Credentials: ['AccessKeyId', 'Expiration', 'SecretAccessKey', 'SessionToken'] },
      },
    },
  ]),
  ...recorded('sts', T, 'TestSTSIntegrations::test_sts_invalid_parameters', [
    { id: 'sts.assume-role.malformed-arn', run: (c) => c.sts.send(assume('nothing-valid-in-here')), expect: error('ValidationError', 400) },
    { id: 'sts.assume-role.arn-without-resource', run: (c) => c.sts.send(assume('arn:a:a::aaaaaaaaaa:')), expect: error('ValidationError', 400) },
    {
      id: 'sts.assume-role.invalid-session-name',
      run: (c, ctx) => c.sts.send(assume(`arn:aws:iam::${ctx.account}:role/${ctx.name('role')}`, 'Session1:2')),
      expect: error('ValidationError', 400),
    },
  ]),
  ...fromReference('sts', 'https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html', [
    {
      id: 'sts.get-caller-identity',
      run: (c) => c.sts.send(new GetCallerIdentityCommand({})),
      expect: { keys: ['Account', 'Arn', 'UserId'] },
    },
  ]),
];
