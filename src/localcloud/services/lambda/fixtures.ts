import { zipSync, strToU8 } from 'fflate';
import { CreateRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, waitUntilFunctionActiveV2, type CreateFunctionCommandInput } from '@aws-sdk/client-lambda';
import type { TestCloud } from '../../../../test/helpers/cloud.js';
import { SETTINGS } from '../../../stack/config.js';

/** A deployment package built in memory from inline sources, as tests write their handlers. */
export function zipOf(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, source]) => [name, strToU8(source)])));
}

const TRUST_LAMBDA = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

/** An execution role Lambda may assume, with an inline policy allowing `actions` on everything. */
export async function createExecutionRole(t: TestCloud, name: string, actions: string[] = ['logs:*']): Promise<string> {
  const { Role } = await t.clients.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: TRUST_LAMBDA }));
  const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });
  await t.clients.iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'inline', PolicyDocument: policy }));
  return Role!.Arn!;
}

/** The smallest handler there is, for tests about a function's life rather than its code. */
export const TRIVIAL_HANDLER = { 'index.mjs': 'export const handler = () => 1;' };

/** CreateFunction of a Node function from inline sources, on the stack's runtime unless `extra` says otherwise. */
export const createFunctionCommand = (
  name: string,
  role: string,
  files: Record<string, string> = TRIVIAL_HANDLER,
  extra: Partial<CreateFunctionCommandInput> = {},
) =>
  new CreateFunctionCommand({ FunctionName: name, Runtime: SETTINGS.runtime, Handler: 'index.handler', Role: role, Code: { ZipFile: zipOf(files) }, ...extra });

/** Creates a Node function from inline sources and waits until it is Active. */
export async function deployFunction(
  t: TestCloud,
  name: string,
  role: string,
  files: Record<string, string>,
  extra: Partial<CreateFunctionCommandInput> = {},
): Promise<void> {
  await t.clients.lambda.send(createFunctionCommand(name, role, files, extra));
  await waitUntilFunctionActiveV2({ client: t.clients.lambda, maxWaitTime: 20, minDelay: 1 }, { FunctionName: name });
}
