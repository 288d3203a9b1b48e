import { CreateTableCommand, waitUntilTableExists, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** For the tests of this folder: creates a table keyed by `id` (and `sk`, a number, when asked) and waits for ACTIVE. */
export async function createTable(client: DynamoDBClient, name: string, opts: { sortKey?: boolean; provisioned?: boolean } = {}): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: name,
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }, ...(opts.sortKey ? [{ AttributeName: 'sk', AttributeType: 'N' as const }] : [])],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }, ...(opts.sortKey ? [{ AttributeName: 'sk', KeyType: 'RANGE' as const }] : [])],
      ...(opts.provisioned
        ? { BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } }
        : { BillingMode: 'PAY_PER_REQUEST' }),
    }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 10, minDelay: 1 }, { TableName: name });
}
