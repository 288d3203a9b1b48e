import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { ListRolesCommand } from '@aws-sdk/client-iam';
import { ListEventSourceMappingsCommand, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import type { Clients } from '../../src/aws/clients.js';

const lastSegment = (s: string) => s.slice(Math.max(s.lastIndexOf(':'), s.lastIndexOf('/')) + 1);

/** Every resource of each service the stack uses, by name, listed with the clients' region (IAM and S3 are account-wide). */
export async function listEverything(clients: Clients) {
  const [buckets, tables, queues, functions, mappings, apis, roles, logGroups] = await Promise.all([
    clients.s3.send(new ListBucketsCommand({})).then((r) => (r.Buckets ?? []).map((b) => b.Name!)),
    clients.dynamodb.send(new ListTablesCommand({})).then((r) => r.TableNames ?? []),
    clients.sqs.send(new ListQueuesCommand({})).then((r) => (r.QueueUrls ?? []).map(lastSegment)),
    clients.lambda.send(new ListFunctionsCommand({})).then((r) => (r.Functions ?? []).map((f) => f.FunctionName!)),
    clients.lambda
      .send(new ListEventSourceMappingsCommand({}))
      .then((r) => (r.EventSourceMappings ?? []).map((m) => `${lastSegment(m.EventSourceArn ?? '')} -> ${lastSegment(m.FunctionArn ?? '')}`)),
    clients.apigw.send(new GetApisCommand({})).then((r) => (r.Items ?? []).map((a) => a.Name!)),
    clients.iam.send(new ListRolesCommand({})).then((r) => (r.Roles ?? []).map((role) => role.RoleName!)),
    clients.logs.send(new DescribeLogGroupsCommand({})).then((r) => (r.logGroups ?? []).map((g) => g.logGroupName!)),
  ]);
  return { buckets, tables, queues, functions, mappings, apis, roles, logGroups };
}

export const NOTHING = { buckets: [], tables: [], queues: [], functions: [], mappings: [], apis: [], roles: [], logGroups: [] };
