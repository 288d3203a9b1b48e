import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { CreateRoleCommand, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import { GetFunctionCommand } from '@aws-sdk/client-lambda';
import { apply } from '../../src/stack/apply.js';
import { plan } from '../../src/stack/plan.js';
import { LAMBDA_TRUST_POLICY } from '../../src/stack/policies.js';
import { producerRole } from '../../src/stack/resources/roles.js';
import { producerFunction } from '../../src/stack/resources/functions.js';
import type { Resource } from '../../src/stack/context.js';
import { createFunctionCommand } from '../../src/localcloud/services/lambda/fixtures.js';
import { recordCalls } from '../helpers/calls.js';
import { progressRecorder, rejection, up, useSession, useStrictCloud } from './support.js';

/** Long enough that `up` reaches CreateFunction while the role is still propagating. */
const ROLE_PROPAGATION_MS = 1_000;
const NOT_ASSUMABLE = 'The role defined for the function cannot be assumed by Lambda.';
const EC2_TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const ROLE_AND_FUNCTION = [producerRole, producerFunction] as Resource<unknown>[];

describe('IAM role propagation to Lambda (issue 5, behaviour 1)', () => {
  const cloud = useStrictCloud({ timings: { rolePropagationMs: ROLE_PROPAGATION_MS } });

  const createRole = async (RoleName: string, trust: unknown) =>
    (await cloud().clients.iam.send(new CreateRoleCommand({ RoleName, AssumeRolePolicyDocument: JSON.stringify(trust) }))).Role!.Arn!;
  const createFunction = (FunctionName: string, Role: string) => cloud().clients.lambda.send(createFunctionCommand(FunctionName, Role));

  it('the cloud: a just-created role cannot be assumed for a while, then can', async () => {
    const role = await createRole('fresh-role', LAMBDA_TRUST_POLICY);
    const err = await rejection(createFunction('fresh-fn', role));
    expect({ name: err.name, message: err.message, status: err.$metadata?.httpStatusCode }).toEqual({
      name: 'InvalidParameterValueException',
      message: NOT_ASSUMABLE,
      status: 400,
    });
    await sleep(ROLE_PROPAGATION_MS);
    expect((await createFunction('fresh-fn', role)).FunctionName).toBe('fresh-fn');
  });

  it('the cloud: a role whose trust policy lacks lambda.amazonaws.com fails the same way for ever', async () => {
    const role = await createRole('ec2-role', EC2_TRUST);
    await sleep(ROLE_PROPAGATION_MS);
    expect((await rejection(createFunction('ec2-fn', role))).message).toBe(NOT_ASSUMABLE);
  });

  describe('the CLI', () => {
    const session = useSession(cloud, 'roles');

    it('creates the function with the just-created role by retrying with backoff, saying why it waits', async () => {
      const progress = progressRecorder();
      await up(session(), progress.reporter, ROLE_AND_FUNCTION);
      expect(progress.of('function:producer')).toContain('waiting for the new IAM role to reach Lambda (try 2)');
      const { ctx } = session();
      const { Configuration } = await cloud().clients.lambda.send(new GetFunctionCommand({ FunctionName: ctx.names.producer }));
      expect(Configuration?.Role).toBe(ctx.outputs.producerRoleArn);
    });

    it('checks the trust policy instead of retrying blindly, and `up` repairs the role', async () => {
      const { ctx } = session();
      const other = { ...ctx, names: { ...ctx.names, producer: 'roles-other-producer' } };
      await cloud().clients.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: ctx.names.producerRole, PolicyDocument: JSON.stringify(EC2_TRUST) }));
      const calls = recordCalls(ctx.clients);
      // Only the function step: the role keeps its broken trust policy.
      const refused = await rejection(
        apply(other, await plan(other, ROLE_AND_FUNCTION), progressRecorder().reporter, [producerFunction] as Resource<unknown>[]),
      );
      expect(refused.message).toMatch(/does not trust lambda\.amazonaws\.com/);
      expect(calls.calls).not.toContain('CreateFunctionCommand');

      const progress = progressRecorder();
      await up({ ...session(), ctx: other }, progress.reporter, ROLE_AND_FUNCTION);
      expect(calls.calls).toContain('UpdateAssumeRolePolicyCommand');
      const { Configuration } = await cloud().clients.lambda.send(new GetFunctionCommand({ FunctionName: other.names.producer }));
      expect(Configuration?.State).toBe('Active');
    });
  });
});
