import type { LambdaOperation } from './action.js';
import { addPermission } from './actions/addPermission.js';
import { createEventSourceMapping } from './actions/createEventSourceMapping.js';
import { createFunction } from './actions/createFunction.js';
import { deleteEventSourceMapping } from './actions/deleteEventSourceMapping.js';
import { deleteFunction } from './actions/deleteFunction.js';
import { deleteFunctionConcurrency } from './actions/deleteFunctionConcurrency.js';
import { getEventSourceMapping } from './actions/getEventSourceMapping.js';
import { getFunction } from './actions/getFunction.js';
import { getFunctionConcurrency } from './actions/getFunctionConcurrency.js';
import { getFunctionConfiguration } from './actions/getFunctionConfiguration.js';
import { getPolicy } from './actions/getPolicy.js';
import { invoke } from './actions/invoke.js';
import { listEventSourceMappings } from './actions/listEventSourceMappings.js';
import { listFunctions } from './actions/listFunctions.js';
import { listTags } from './actions/listTags.js';
import { putFunctionConcurrency } from './actions/putFunctionConcurrency.js';
import { removePermission } from './actions/removePermission.js';
import { tagResource } from './actions/tagResource.js';
import { untagResource } from './actions/untagResource.js';
import { updateEventSourceMapping } from './actions/updateEventSourceMapping.js';
import { updateFunctionCode } from './actions/updateFunctionCode.js';
import { updateFunctionConfiguration } from './actions/updateFunctionConfiguration.js';

/** Lambda's REST binding of an operation: its method and path. */
export interface LambdaRoute {
  method: string;
  path: string;
  operation: LambdaOperation;
}

const FUNCTIONS = '/2015-03-31/functions';
const FUNCTION = `${FUNCTIONS}/:FunctionName`;
const MAPPINGS = '/2015-03-31/event-source-mappings';
const TAGS = '/2017-03-31/tags/:Resource';

/** The Lambda REST API: one line per operation, in the SDK's own paths. */
export const ROUTES: LambdaRoute[] = [
  { method: 'POST', path: FUNCTIONS, operation: createFunction },
  { method: 'GET', path: FUNCTIONS, operation: listFunctions },
  { method: 'GET', path: FUNCTION, operation: getFunction },
  { method: 'DELETE', path: FUNCTION, operation: deleteFunction },
  { method: 'GET', path: `${FUNCTION}/configuration`, operation: getFunctionConfiguration },
  { method: 'PUT', path: `${FUNCTION}/configuration`, operation: updateFunctionConfiguration },
  { method: 'PUT', path: `${FUNCTION}/code`, operation: updateFunctionCode },
  { method: 'POST', path: `${FUNCTION}/invocations`, operation: invoke },
  { method: 'POST', path: `${FUNCTION}/policy`, operation: addPermission },
  { method: 'GET', path: `${FUNCTION}/policy`, operation: getPolicy },
  { method: 'DELETE', path: `${FUNCTION}/policy/:StatementId`, operation: removePermission },
  { method: 'PUT', path: '/2017-10-31/functions/:FunctionName/concurrency', operation: putFunctionConcurrency },
  { method: 'DELETE', path: '/2017-10-31/functions/:FunctionName/concurrency', operation: deleteFunctionConcurrency },
  { method: 'GET', path: '/2019-09-30/functions/:FunctionName/concurrency', operation: getFunctionConcurrency },
  { method: 'POST', path: TAGS, operation: tagResource },
  { method: 'DELETE', path: TAGS, operation: untagResource },
  { method: 'GET', path: TAGS, operation: listTags },
  { method: 'POST', path: MAPPINGS, operation: createEventSourceMapping },
  { method: 'GET', path: MAPPINGS, operation: listEventSourceMappings },
  { method: 'GET', path: `${MAPPINGS}/:UUID`, operation: getEventSourceMapping },
  { method: 'PUT', path: `${MAPPINGS}/:UUID`, operation: updateEventSourceMapping },
  { method: 'DELETE', path: `${MAPPINGS}/:UUID`, operation: deleteEventSourceMapping },
];
