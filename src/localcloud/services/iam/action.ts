import type { QueryInput } from '../../core/protocols/query-input.js';
import type { CallContext } from '../../core/types.js';
import type { XmlObject } from '../../core/xml.js';
import type { IamStore } from './store.js';

/** One IAM operation: the parsed form in, the `<ActionResult>` members out (undefined: no result element). */
export type IamAction = (input: QueryInput, store: IamStore, ctx: CallContext) => XmlObject | undefined;
