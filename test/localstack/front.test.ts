import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateApiCommand, CreateIntegrationCommand, CreateRouteCommand, CreateStageCommand } from '@aws-sdk/client-apigatewayv2';
import { startTestCloud, type TestCloud } from '../helpers/cloud.js';
import { createExecutionRole, deployFunction } from '../../src/localcloud/services/lambda/fixtures.js';
import { detectLocalEndpoint, localstackHasApiGatewayV2 } from '../../src/target/detect.js';

/**
 * LocalStack cannot run here (no Docker): its health endpoint is faked for the detection, and a second
 * embedded cloud stands in for "LocalStack's Lambda" behind the API Gateway front — the same code path
 * `up --local` takes on LocalStack's free image, which has no API Gateway v2.
 */
describe('LocalStack', () => {
  let fake: Server;
  let fakeUrl: string;
  beforeAll(async () => {
    fake = createServer((req, res) => {
      if (req.url === '/_localstack/health') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            edition: 'community',
            version: '4.14.0',
            services: {
              s3: 'running',
              sqs: 'available',
              lambda: 'available',
              dynamodb: 'available',
              iam: 'available',
              sts: 'available',
              apigateway: 'available',
            },
          }),
        );
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
    fakeUrl = `http://127.0.0.1:${(fake.address() as { port: number }).port}`;
  });
  afterAll(() => fake.close());

  it('is detected by its health endpoint, and the free image is seen to lack API Gateway v2', async () => {
    const found = await detectLocalEndpoint(fakeUrl);
    expect(found.kind).toBe('localstack');
    if (found.kind !== 'localstack') return;
    expect(localstackHasApiGatewayV2(found.services)).toBe(false);
    expect(localstackHasApiGatewayV2({ ...found.services, apigatewayv2: 'running' })).toBe(true);
  });

  describe("the embedded API Gateway in front of another cloud's Lambda", () => {
    let lambdaSide: TestCloud;
    let front: TestCloud;
    beforeAll(async () => {
      lambdaSide = await startTestCloud();
      front = await startTestCloud({ remoteLambdaEndpoint: lambdaSide.cloud.endpoint });
    });
    afterAll(async () => {
      await front?.stop();
      await lambdaSide?.stop();
    });

    it('routes an HTTP API request to the function that lives in the other cloud', async () => {
      const role = await createExecutionRole(lambdaSide, 'remote-role');
      await deployFunction(lambdaSide, 'remote-fn', role, {
        'index.mjs':
          "export const handler = async (event) => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ servedBy: process.env.AWS_LAMBDA_FUNCTION_NAME, path: event.rawPath }) });",
      });
      const gw = front.clients.apigw;
      const api = await gw.send(new CreateApiCommand({ Name: 'front', ProtocolType: 'HTTP' }));
      const integration = await gw.send(
        new CreateIntegrationCommand({
          ApiId: api.ApiId,
          IntegrationType: 'AWS_PROXY',
          IntegrationUri: `arn:aws:lambda:${front.region}:000000000000:function:remote-fn`,
          PayloadFormatVersion: '2.0',
        }),
      );
      await gw.send(new CreateRouteCommand({ ApiId: api.ApiId, RouteKey: 'GET /hello', Target: `integrations/${integration.IntegrationId}` }));
      await gw.send(new CreateStageCommand({ ApiId: api.ApiId, StageName: 'prod', AutoDeploy: true }));
      const res = await fetch(`${front.cloud.endpoint}/_aws/execute-api/${api.ApiId}/prod/hello`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ servedBy: 'remote-fn', path: '/prod/hello' });
    });
  });
});
