import {
  CreateApiCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
  DeleteApiCommand,
  GetApiCommand,
  GetRoutesCommand,
  GetStageCommand,
  type ProtocolType,
} from '@aws-sdk/client-apigatewayv2';
import type { Clients } from '../../../src/aws/clients.js';
import type { Case, CaseContext } from '../types.js';
import { error, fromReference } from './common.js';

const REFERENCE = 'https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/';
const notFound = error('NotFoundException', 404);
const badRequest = error('BadRequestException', 400);
const MISSING_API = 'abc1234567';

const httpApi = async (c: Clients, ctx: CaseContext) => (await c.apigw.send(new CreateApiCommand({ Name: ctx.name('api'), ProtocolType: 'HTTP' }))).ApiId!;

export const APIGATEWAYV2_CASES: Case[] = [
  ...fromReference('apigatewayv2', `${REFERENCE}apis.html`, [
    {
      id: 'apigatewayv2.create-api.http',
      run: (c, ctx) => c.apigw.send(new CreateApiCommand({ Name: ctx.name('api'), ProtocolType: 'HTTP' })),
      expect: {
        values: {
          ProtocolType: 'HTTP',
          RouteSelectionExpression: '$request.method $request.path',
          ApiKeySelectionExpression: '$request.header.x-api-key',
          DisableExecuteApiEndpoint: false,
        },
      },
    },
    {
      id: 'apigatewayv2.create-api.bad-protocol',
      run: (c, ctx) => c.apigw.send(new CreateApiCommand({ Name: ctx.name('api'), ProtocolType: 'SOAP' as ProtocolType })),
      expect: badRequest,
    },
  ]),
  ...fromReference('apigatewayv2', `${REFERENCE}apis-apiid.html`, [
    { id: 'apigatewayv2.get-api.missing', run: (c) => c.apigw.send(new GetApiCommand({ ApiId: MISSING_API })), expect: notFound },
    { id: 'apigatewayv2.delete-api.missing', run: (c) => c.apigw.send(new DeleteApiCommand({ ApiId: MISSING_API })), expect: notFound },
  ]),
  ...fromReference('apigatewayv2', `${REFERENCE}apis-apiid-routes.html`, [
    {
      id: 'apigatewayv2.create-route.missing-api',
      run: (c) => c.apigw.send(new CreateRouteCommand({ ApiId: MISSING_API, RouteKey: 'GET /x' })),
      expect: notFound,
    },
    {
      id: 'apigatewayv2.create-route.bad-route-key',
      run: async (c, ctx) => c.apigw.send(new CreateRouteCommand({ ApiId: await httpApi(c, ctx), RouteKey: 'FETCH' })),
      expect: badRequest,
    },
    {
      id: 'apigatewayv2.get-routes.none',
      run: async (c, ctx) => c.apigw.send(new GetRoutesCommand({ ApiId: await httpApi(c, ctx) })),
      expect: { keys: ['Items'], values: { Items: [] } },
    },
  ]),
  ...fromReference('apigatewayv2', `${REFERENCE}apis-apiid-stages.html`, [
    {
      id: 'apigatewayv2.get-stage.missing',
      run: async (c, ctx) => c.apigw.send(new GetStageCommand({ ApiId: await httpApi(c, ctx), StageName: 'nope' })),
      expect: notFound,
    },
    {
      id: 'apigatewayv2.create-stage.default',
      run: async (c, ctx) => c.apigw.send(new CreateStageCommand({ ApiId: await httpApi(c, ctx), StageName: '$default', AutoDeploy: true })),
      expect: { values: { StageName: '$default', AutoDeploy: true } },
    },
  ]),
  ...fromReference('apigatewayv2', `${REFERENCE}apis-apiid-integrations.html`, [
    {
      id: 'apigatewayv2.create-integration.lambda-proxy',
      run: async (c, ctx) =>
        c.apigw.send(
          new CreateIntegrationCommand({
            ApiId: await httpApi(c, ctx),
            IntegrationType: 'AWS_PROXY',
            IntegrationUri: `arn:aws:lambda:${ctx.region}:${ctx.account}:function:${ctx.name('fn')}`,
            PayloadFormatVersion: '2.0',
          }),
        ),
      expect: {
        values: { IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0', ConnectionType: 'INTERNET', TimeoutInMillis: 30000, IntegrationMethod: 'POST' },
      },
    },
  ]),
];
