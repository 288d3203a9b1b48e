import { asDecoded, type Operation } from '../../core/operation.js';
import type { QueryInput } from '../../core/protocols/queryInput.js';
import type { CallContext } from '../../core/types.js';
import type { XmlObject } from '../../core/xml.js';
import { type IamStore, roleArn } from './store.js';

/**
 * One IAM operation (core/operation.ts): the awsQuery form in, the `<ActionResult>` members out (undefined:
 * no result element). IAM authorizes a call before it reads its members, so the handler validates them
 * (inputs.ts) in AWS's order.
 */
export type IamOperation = Operation<QueryInput, QueryInput, IamStore, CallContext, XmlObject | undefined>;

/** The name, IAM action and resource of an IAM operation, then its handler. */
export const defineAction = (head: Pick<IamOperation, 'name' | 'action' | 'resource'>, run: IamOperation['run']): IamOperation => ({
  ...head,
  parse: asDecoded,
  run,
});

/** The ARN IAM authorizes a call against: the role it names (by its path when it exists), or `*` for listings. */
export function roleResource(form: QueryInput, store: IamStore): string {
  const name = form.RoleName;
  return typeof name === 'string' ? (store.findRole(name)?.arn ?? roleArn('/', name)) : '*';
}
