import { describe, expect, it } from 'vitest';
import { AddPermissionCommand, RemovePermissionCommand } from '@aws-sdk/client-lambda';
import { stackStatus } from '../../src/stack/status.js';
import { INVOKE_PERMISSION_SID } from '../../src/stack/resources/httpApi.js';
import { up, useDeployedStack } from './support.js';

describe('API Gateway -> Lambda needs lambda:AddPermission for the API (issue 5, behaviour 4)', () => {
  const stack = useDeployedStack('perm');

  const trips = () => fetch(`${stack().ctx.outputs.apiUrl}/api/trips`);
  const removePermission = () =>
    stack().t.clients.lambda.send(new RemovePermissionCommand({ FunctionName: stack().ctx.names.producer, StatementId: INVOKE_PERMISSION_SID }));
  const httpApiStatus = async () => (await stackStatus(stack().ctx)).resources.find((r) => r.id === 'http-api');

  it('answers 500 Internal Server Error at the API without the permission; status says it is missing; up adds it', async () => {
    expect((await trips()).status).toBe(200);
    await removePermission();

    const refused = await trips();
    expect(refused.status).toBe(500);
    expect(await refused.json()).toEqual({ message: 'Internal Server Error' });
    expect(await httpApiStatus()).toMatchObject({ state: 'drift', drift: ['invoke permission missing'] });

    await up(stack().session);
    expect((await trips()).status).toBe(200);
    expect(await httpApiStatus()).toMatchObject({ state: 'ok' });
  });

  it('a permission for another API (another source ARN) does not count', async () => {
    await removePermission();
    const otherApi = `arn:aws:execute-api:${stack().t.region}:${stack().ctx.account}:otherapi/*`;
    await stack().t.clients.lambda.send(
      new AddPermissionCommand({
        FunctionName: stack().ctx.names.producer,
        StatementId: INVOKE_PERMISSION_SID,
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        SourceArn: otherApi,
      }),
    );
    expect((await trips()).status).toBe(500);
    expect((await httpApiStatus())?.state).toBe('drift');

    await up(stack().session);
    expect((await trips()).status).toBe(200);
  });
});
