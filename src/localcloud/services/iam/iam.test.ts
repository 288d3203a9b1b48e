import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteConflictException,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  EntityAlreadyExistsException,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  ListRoleTagsCommand,
  MalformedPolicyDocumentException,
  NoSuchEntityException,
  PutRolePolicyCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { startTestCloud, type TestCloud } from '../../../../test/helpers/cloud.js';
import { LOCAL_CREDENTIALS } from '../../../aws/clients.js';

const LAMBDA_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const EC2_TRUST = LAMBDA_TRUST.replace('lambda.amazonaws.com', 'ec2.amazonaws.com');
const TABLE_ARN = 'arn:aws:dynamodb:ap-northeast-2:000000000000:table/aram-stats';
const PRODUCER_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], Resource: TABLE_ARN }],
});
const BASIC_EXECUTION = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';

describe('iam roles (awsQuery via @aws-sdk/client-iam)', () => {
  let t: TestCloud;
  let iam: IAMClient;
  beforeAll(async () => {
    t = await startTestCloud({ timings: { rolePropagationMs: 60_000 } });
    iam = t.clients.iam;
  });
  afterAll(() => t.stop());

  it('creates a role with path, description and tags and reads it back URL-encoded', async () => {
    const created = await iam.send(
      new CreateRoleCommand({
        RoleName: 'aram-producer-role',
        Path: '/service/',
        AssumeRolePolicyDocument: LAMBDA_TRUST,
        Description: 'producer',
        Tags: [{ Key: 'app', Value: 'bus-cli' }],
      }),
    );
    expect(created.Role?.Arn).toBe('arn:aws:iam::000000000000:role/service/aram-producer-role');
    expect(created.Role?.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(created.Role?.CreateDate).toBeInstanceOf(Date);
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: 'aram-producer-role' }));
    expect(Role?.AssumeRolePolicyDocument).toBe(encodeURIComponent(LAMBDA_TRUST));
    expect(Role).toMatchObject({ Path: '/service/', Description: 'producer', MaxSessionDuration: 3600, Tags: [{ Key: 'app', Value: 'bus-cli' }] });
  });

  it('answers the same store whatever region the client signs for (IAM is global)', async () => {
    const other = new IAMClient({ region: 'eu-west-1', endpoint: t.cloud.endpoint, credentials: LOCAL_CREDENTIALS });
    const { Role } = await other.send(new GetRoleCommand({ RoleName: 'aram-producer-role' }));
    other.destroy();
    expect(Role?.RoleName).toBe('aram-producer-role');
  });

  it('refuses a duplicate name (case-insensitively) and an unknown role with the typed errors', async () => {
    const duplicate = iam.send(new CreateRoleCommand({ RoleName: 'ARAM-PRODUCER-ROLE', AssumeRolePolicyDocument: LAMBDA_TRUST }));
    await expect(duplicate).rejects.toBeInstanceOf(EntityAlreadyExistsException);
    await expect(duplicate).rejects.toMatchObject({ message: 'Role with name ARAM-PRODUCER-ROLE already exists.', $metadata: { httpStatusCode: 409 } });
    const missing = iam.send(new GetRoleCommand({ RoleName: 'nope' }));
    await expect(missing).rejects.toBeInstanceOf(NoSuchEntityException);
    await expect(missing).rejects.toMatchObject({ message: 'The role with name nope cannot be found.', $metadata: { httpStatusCode: 404 } });
  });

  it('validates names and policy documents as IAM does', async () => {
    await expect(iam.send(new CreateRoleCommand({ RoleName: 'bad name', AssumeRolePolicyDocument: LAMBDA_TRUST }))).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining("at 'roleName' failed to satisfy constraint"),
    });
    const syntax = iam.send(new CreateRoleCommand({ RoleName: 'r-bad', AssumeRolePolicyDocument: '{not json' }));
    await expect(syntax).rejects.toBeInstanceOf(MalformedPolicyDocumentException);
    await expect(syntax).rejects.toMatchObject({ message: 'Syntax errors in policy.' });
    const withPrincipal = iam.send(
      new PutRolePolicyCommand({
        RoleName: 'aram-producer-role',
        PolicyName: 'p',
        PolicyDocument: LAMBDA_TRUST.replace('"Action"', '"Resource":"*","Action"'),
      }),
    );
    await expect(withPrincipal).rejects.toMatchObject({ name: 'MalformedPolicyDocumentException', message: 'Policy document should not specify a principal.' });
  });

  it('puts, gets, lists and deletes inline policies', async () => {
    await iam.send(new PutRolePolicyCommand({ RoleName: 'aram-producer-role', PolicyName: 'data', PolicyDocument: PRODUCER_POLICY }));
    const got = await iam.send(new GetRolePolicyCommand({ RoleName: 'aram-producer-role', PolicyName: 'data' }));
    expect(decodeURIComponent(got.PolicyDocument!)).toBe(PRODUCER_POLICY);
    const listed = await iam.send(new ListRolePoliciesCommand({ RoleName: 'aram-producer-role' }));
    expect(listed).toMatchObject({ PolicyNames: ['data'], IsTruncated: false });
    await expect(iam.send(new GetRolePolicyCommand({ RoleName: 'aram-producer-role', PolicyName: 'other' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The role policy with name other cannot be found.',
    });
  });

  it('attaches AWS managed policies and refuses unknown ones', async () => {
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'aram-producer-role', PolicyArn: BASIC_EXECUTION }));
    const { AttachedPolicies } = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'aram-producer-role' }));
    expect(AttachedPolicies).toEqual([{ PolicyName: 'AWSLambdaBasicExecutionRole', PolicyArn: BASIC_EXECUTION }]);
    const unknown = 'arn:aws:iam::aws:policy/NoSuchPolicy';
    await expect(iam.send(new AttachRolePolicyCommand({ RoleName: 'aram-producer-role', PolicyArn: unknown }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: `Policy ${unknown} does not exist or is not attachable.`,
    });
  });

  it('refuses to delete a role while policies remain (DeleteConflict), then deletes it', async () => {
    const role = { RoleName: 'aram-producer-role' };
    await expect(iam.send(new DeleteRoleCommand(role))).rejects.toBeInstanceOf(DeleteConflictException);
    await iam.send(new DeleteRolePolicyCommand({ ...role, PolicyName: 'data' }));
    await expect(iam.send(new DeleteRoleCommand(role))).rejects.toMatchObject({ message: 'Cannot delete entity, must detach all policies first.' });
    await iam.send(new DetachRolePolicyCommand({ ...role, PolicyArn: BASIC_EXECUTION }));
    await iam.send(new DeleteRoleCommand(role));
    await expect(iam.send(new GetRoleCommand(role))).rejects.toBeInstanceOf(NoSuchEntityException);
  });

  it('tags, untags and pages through roles', async () => {
    for (const name of ['page-a', 'page-b', 'page-c']) await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: LAMBDA_TRUST }));
    await iam.send(
      new TagRoleCommand({
        RoleName: 'page-a',
        Tags: [
          { Key: 'k1', Value: 'v1' },
          { Key: 'k2', Value: 'v2' },
        ],
      }),
    );
    await iam.send(new UntagRoleCommand({ RoleName: 'page-a', TagKeys: ['k1'] }));
    expect((await iam.send(new ListRoleTagsCommand({ RoleName: 'page-a' }))).Tags).toEqual([{ Key: 'k2', Value: 'v2' }]);
    const first = await iam.send(new ListRolesCommand({ MaxItems: 2 }));
    expect(first.IsTruncated).toBe(true);
    const rest = await iam.send(new ListRolesCommand({ MaxItems: 2, Marker: first.Marker }));
    expect([...first.Roles!, ...rest.Roles!].map((r) => r.RoleName)).toEqual(['page-a', 'page-b', 'page-c']);
    expect(rest.IsTruncated).toBe(false);
  });

  describe('the in-process IamApi', () => {
    it('tells why Lambda cannot assume a role: missing, trust policy, propagation', async () => {
      const api = t.cloud.api('iam');
      expect(api.whyLambdaCannotAssume('arn:aws:iam::000000000000:role/ghost')).toMatch(/does not exist/);
      await iam.send(new CreateRoleCommand({ RoleName: 'ec2-role', AssumeRolePolicyDocument: EC2_TRUST }));
      expect(api.whyLambdaCannotAssume('arn:aws:iam::000000000000:role/ec2-role')).toMatch(/trust policy/);
      await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'ec2-role', PolicyDocument: LAMBDA_TRUST }));
      // rolePropagationMs is 60 s in this suite: the freshly trusted role is not assumable yet.
      expect(api.whyLambdaCannotAssume('arn:aws:iam::000000000000:role/ec2-role')).toMatch(/propagate/);
    });

    it('mints role sessions and evaluates their inline and attached policies', async () => {
      await iam.send(new CreateRoleCommand({ RoleName: 'consumer', AssumeRolePolicyDocument: LAMBDA_TRUST }));
      await iam.send(new PutRolePolicyCommand({ RoleName: 'consumer', PolicyName: 'data', PolicyDocument: PRODUCER_POLICY }));
      const api = t.cloud.api('iam');
      const creds = api.sessionCredentials('arn:aws:iam::000000000000:role/consumer', 'aram-consumer');
      expect(creds.accessKeyId).toMatch(/^ASIA/);
      const principal = api.principalFor(creds.accessKeyId);
      expect(principal).toMatchObject({ kind: 'role', arn: 'arn:aws:sts::000000000000:assumed-role/consumer/aram-consumer', roleName: 'consumer' });
      expect(api.principalFor('test')).toMatchObject({ kind: 'root', arn: 'arn:aws:iam::000000000000:root' });
      expect(api.isAllowed(principal, 'dynamodb:UpdateItem', TABLE_ARN)).toBe(true);
      expect(api.isAllowed(principal, 'logs:PutLogEvents', 'arn:aws:logs:ap-northeast-2:000000000000:log-group:/aws/lambda/x')).toBe(false);
      await iam.send(new AttachRolePolicyCommand({ RoleName: 'consumer', PolicyArn: BASIC_EXECUTION }));
      expect(api.isAllowed(principal, 'logs:PutLogEvents', 'arn:aws:logs:ap-northeast-2:000000000000:log-group:/aws/lambda/x')).toBe(true);
      await iam.send(new DeleteRolePolicyCommand({ RoleName: 'consumer', PolicyName: 'data' }));
      expect(api.isAllowed(principal, 'dynamodb:UpdateItem', TABLE_ARN)).toBe(false);
    });

    it('keeps a session of a deleted role powerless, even once a role of that name is re-created', async () => {
      const api = t.cloud.api('iam');
      const policy = { RoleName: 'short-lived', PolicyName: 'data', PolicyDocument: PRODUCER_POLICY };
      await iam.send(new CreateRoleCommand({ RoleName: 'short-lived', AssumeRolePolicyDocument: LAMBDA_TRUST }));
      await iam.send(new PutRolePolicyCommand(policy));
      const principal = api.principalFor(api.sessionCredentials('arn:aws:iam::000000000000:role/short-lived', 's').accessKeyId);
      expect(api.isAllowed(principal, 'dynamodb:GetItem', TABLE_ARN)).toBe(true);
      await iam.send(new DeleteRolePolicyCommand({ RoleName: 'short-lived', PolicyName: 'data' }));
      await iam.send(new DeleteRoleCommand({ RoleName: 'short-lived' }));
      expect(principal.kind).toBe('role');
      expect(api.principalFor(principal.accessKeyId)).toEqual(principal);
      await iam.send(new CreateRoleCommand({ RoleName: 'short-lived', AssumeRolePolicyDocument: LAMBDA_TRUST }));
      await iam.send(new PutRolePolicyCommand(policy));
      expect(api.isAllowed(principal, 'dynamodb:GetItem', TABLE_ARN)).toBe(false);
    });
  });
});
