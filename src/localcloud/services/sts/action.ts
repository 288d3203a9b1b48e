import { asDecoded, type Operation } from '../../core/operation.js';
import type { QueryInput } from '../../core/protocols/queryInput.js';
import type { CallContext, IamApi } from '../../core/types.js';
import type { XmlObject } from '../../core/xml.js';

/** One STS operation (core/operation.ts): STS keeps no state of its own; roles and sessions belong to IAM. */
export type StsOperation = Operation<QueryInput, QueryInput, IamApi, CallContext, XmlObject>;

/** The name and IAM action of an STS operation, why it is not authorized as the others are, then its handler. */
export const defineAction = (head: Pick<StsOperation, 'name' | 'action' | 'unchecked'>, run: StsOperation['run']): StsOperation => ({
  ...head,
  parse: asDecoded,
  run,
});
