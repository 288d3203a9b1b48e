import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { startTestCloud, type TestCloud } from '../../../../test/helpers/cloud.js';

const ACCOUNT = '000000000000';
const trust = (principal: object) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }] });

describe('sts (awsQuery via @aws-sdk/client-sts)', () => {
  let t: TestCloud;
  const clientsFor = (credentials: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string }) => {
    const config = {
      region: t.region,
      endpoint: t.cloud.endpoint,
      credentials: { accessKeyId: credentials.AccessKeyId!, secretAccessKey: credentials.SecretAccessKey!, sessionToken: credentials.SessionToken },
    };
    return { sts: new STSClient(config), iam: new IAMClient(config) };
  };

  beforeAll(async () => {
    t = await startTestCloud();
    await t.clients.iam.send(new CreateRoleCommand({ RoleName: 'deployer', AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${ACCOUNT}:root` }) }));
    await t.clients.iam.send(new CreateRoleCommand({ RoleName: 'lambda-only', AssumeRolePolicyDocument: trust({ Service: 'lambda.amazonaws.com' }) }));
  });
  afterAll(() => t.stop());

  it('names the developer as the account root', async () => {
    const me = await t.clients.sts.send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:root`, UserId: ACCOUNT });
  });

  it('assumes a role and the credentials then stand for the assumed-role session', async () => {
    const assumed = await t.clients.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/deployer`, RoleSessionName: 'ci' }));
    expect(assumed.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(assumed.Credentials!.Expiration!.getTime()).toBeGreaterThan(Date.now());
    expect(assumed.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/deployer/ci`);
    const session = clientsFor(assumed.Credentials!);
    const me = await session.sts.send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/deployer/ci`);
    expect(me.UserId).toBe(assumed.AssumedRoleUser?.AssumedRoleId);
    expect(me.UserId).toMatch(/^AROA[A-Z2-7]+:ci$/);
    // The session has no identity policy: IAM refuses it what the developer may do.
    await expect(
      session.iam.send(new CreateRoleCommand({ RoleName: 'x', AssumeRolePolicyDocument: trust({ Service: 'lambda.amazonaws.com' }) })),
    ).rejects.toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    });
    session.sts.destroy();
    session.iam.destroy();
  });

  it('checks a role session against the trust policy and its own permissions', async () => {
    await t.clients.iam.send(
      new PutRolePolicyCommand({
        RoleName: 'deployer',
        PolicyName: 'assume',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] }),
      }),
    );
    const assumed = await t.clients.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/deployer`, RoleSessionName: 'hop' }));
    const session = clientsFor(assumed.Credentials!);
    const chained = await session.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/deployer`, RoleSessionName: 'hop2' }));
    expect(chained.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/deployer/hop2`);
    const refused = session.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/lambda-only`, RoleSessionName: 'nope' }));
    await expect(refused).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:sts::${ACCOUNT}:assumed-role/deployer/hop is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${ACCOUNT}:role/lambda-only`,
    });
    session.sts.destroy();
    session.iam.destroy();
  });

  it('refuses a missing role and an invalid session name', async () => {
    await expect(t.clients.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/ghost`, RoleSessionName: 's1' }))).rejects.toMatchObject({
      name: 'AccessDenied',
    });
    await expect(
      t.clients.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/deployer`, RoleSessionName: 'bad name' })),
    ).rejects.toMatchObject({
      name: 'ValidationError',
    });
  });
});
