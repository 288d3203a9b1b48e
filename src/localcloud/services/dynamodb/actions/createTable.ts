import { defineAction, tableResource } from '../action.js';
import { dynaliteOperation } from '../passThrough.js';

const createTableOnly = dynaliteOperation('CreateTable');
const tagResource = dynaliteOperation('TagResource');

/** CreateTable with its `Tags` applied, as AWS does (dynalite accepts the member but drops the tags). */
export const createTable = defineAction({ name: 'CreateTable', action: 'dynamodb:CreateTable', resource: tableResource }, async (input, store, ctx) => {
  const { Tags, ...rest } = input as { Tags?: { Key: string; Value: string }[] };
  const created = (await createTableOnly(rest, store, ctx)) as { TableDescription?: { TableArn?: string } };
  const arn = created.TableDescription?.TableArn;
  if (Tags?.length && arn) await tagResource({ ResourceArn: arn, Tags }, store, ctx);
  return created;
});
