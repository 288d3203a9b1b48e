import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddPermissionCommand, RemovePermissionCommand } from '@aws-sdk/client-lambda';
import { stackStatus } from '../../src/stack/status.js';
import { INVOKE_PERMISSION_SID } from '../../src/stack/resources/httpApi.js';
import { deployTestStack, type TestStack } from '../helpers/stack.js';
import { up } from './support.js';

describe('API Gateway -> Lambda needs lambda:AddPermission for the API (issue 5, behaviour 4)', () => {
  let s: TestStack;
  beforeAll(async () => {
    s = await deployTestStack({ stack: 'perm' });
  }, 60_000);
  afterAll(() => s?.stop());

  const trips = () => fetch(`${s.ctx.outputs.apiUrl}/api/trips`);
  const removePermission = () => s.t.clients.lambda.send(new RemovePermissionCommand({ FunctionName: s.ctx.names.producer, StatementId: INVOKE_PERMISSION_SID }));
  const httpApiStatus = async () => (await stackStatus(s.ctx)).resources.find((r) => r.id === 'http-api');

  it('answers 500 Internal Server Error at the API without the permission; status says it is missing; up adds it', async () => {
    expect((await trips()).status).toBe(200);
    await removePermission();

    const refused = await trips();
    expect(refused.status).toBe(500);
    expect(await refused.json()).toEqual({ message: 'Internal Server Error' });
    expect(await httpApiStatus()).toMatchObject({ state: 'drift', drift: ['invoke permission missing'] });

    await up(s.session);
    expect((await trips()).status).toBe(200);
    expect(await httpApiStatus()).toMatchObject({ state: 'ok' });
  });

  it('a permission for another API (another source ARN) does not count', async () => {
    await removePermission();
    const otherApi = `arn:aws:execute-api:${s.t.region}:${s.ctx.account}:otherapi/*`;
    await s.t.clients.lambda.send(
      new AddPermissionCommand({
        FunctionName: s.ctx.names.producer,
        StatementId: INVOKE_PERMISSION_SID,
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        SourceArn: otherApi,
      }),
    );
    expect((await trips()).status).toBe(500);
    expect((await httpApiStatus())?.state).toBe('drift');

    await up(s.session);
    expect((await trips()).status).toBe(200);
  });
});
