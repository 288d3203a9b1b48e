import type { Input } from './dynalite.js';

/** A table's ARN: AWS takes it wherever a request names a table (TableName, RequestItems keys); dynalite takes names only. */
const TABLE_ARN = /^arn:aws[a-z-]*:dynamodb:[^:]+:\d{12}:table\/([a-zA-Z0-9_.-]{3,255})$/;
const TRANSACT_KINDS = ['ConditionCheck', 'Put', 'Update', 'Delete', 'Get'];

const nameOf = (table: unknown) => (typeof table === 'string' ? (TABLE_ARN.exec(table)?.[1] ?? table) : table);

/** The request with every table ARN replaced by the table's name, as dynalite and the IAM checks read it. */
export function withTableNames(input: Input): Input {
  if ('TableName' in input) input.TableName = nameOf(input.TableName);
  if (input.RequestItems && typeof input.RequestItems === 'object') {
    input.RequestItems = Object.fromEntries(Object.entries(input.RequestItems).map(([table, items]) => [nameOf(table), items]));
  }
  if (Array.isArray(input.TransactItems)) {
    for (const item of input.TransactItems as Record<string, Input | undefined>[]) {
      for (const kind of TRANSACT_KINDS) if (item?.[kind] && 'TableName' in item[kind]) item[kind].TableName = nameOf(item[kind].TableName);
    }
  }
  return input;
}
