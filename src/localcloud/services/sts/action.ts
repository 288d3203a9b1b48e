import type { QueryInput } from '../../core/protocols/query-input.js';
import type { CallContext, IamApi } from '../../core/types.js';
import type { XmlObject } from '../../core/xml.js';

/** One STS operation: STS keeps no state of its own; roles and sessions belong to IAM. */
export type StsAction = (input: QueryInput, iam: IamApi, ctx: CallContext) => XmlObject;
