import type { LambdaAction } from './action.js';
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

export interface LambdaRoute {
  method: string;
  path: string;
  /** The IAM action a role session needs (Invoke is `lambda:InvokeFunction`). */
  iamAction: string;
  run: LambdaAction;
}

const FUNCTIONS = '/2015-03-31/functions';
const FUNCTION = `${FUNCTIONS}/:FunctionName`;
const MAPPINGS = '/2015-03-31/event-source-mappings';
const TAGS = '/2017-03-31/tags/:Resource';

/** The Lambda REST API: one line per operation, in the SDK's own paths. */
export const ROUTES: LambdaRoute[] = [
  { method: 'POST', path: FUNCTIONS, iamAction: 'CreateFunction', run: createFunction },
  { method: 'GET', path: FUNCTIONS, iamAction: 'ListFunctions', run: listFunctions },
  { method: 'GET', path: FUNCTION, iamAction: 'GetFunction', run: getFunction },
  { method: 'DELETE', path: FUNCTION, iamAction: 'DeleteFunction', run: deleteFunction },
  { method: 'GET', path: `${FUNCTION}/configuration`, iamAction: 'GetFunctionConfiguration', run: getFunctionConfiguration },
  { method: 'PUT', path: `${FUNCTION}/configuration`, iamAction: 'UpdateFunctionConfiguration', run: updateFunctionConfiguration },
  { method: 'PUT', path: `${FUNCTION}/code`, iamAction: 'UpdateFunctionCode', run: updateFunctionCode },
  { method: 'POST', path: `${FUNCTION}/invocations`, iamAction: 'InvokeFunction', run: invoke },
  { method: 'POST', path: `${FUNCTION}/policy`, iamAction: 'AddPermission', run: addPermission },
  { method: 'GET', path: `${FUNCTION}/policy`, iamAction: 'GetPolicy', run: getPolicy },
  { method: 'DELETE', path: `${FUNCTION}/policy/:StatementId`, iamAction: 'RemovePermission', run: removePermission },
  { method: 'PUT', path: '/2017-10-31/functions/:FunctionName/concurrency', iamAction: 'PutFunctionConcurrency', run: putFunctionConcurrency },
  { method: 'DELETE', path: '/2017-10-31/functions/:FunctionName/concurrency', iamAction: 'DeleteFunctionConcurrency', run: deleteFunctionConcurrency },
  { method: 'GET', path: '/2019-09-30/functions/:FunctionName/concurrency', iamAction: 'GetFunctionConcurrency', run: getFunctionConcurrency },
  { method: 'POST', path: TAGS, iamAction: 'TagResource', run: tagResource },
  { method: 'DELETE', path: TAGS, iamAction: 'UntagResource', run: untagResource },
  { method: 'GET', path: TAGS, iamAction: 'ListTags', run: listTags },
  { method: 'POST', path: MAPPINGS, iamAction: 'CreateEventSourceMapping', run: createEventSourceMapping },
  { method: 'GET', path: MAPPINGS, iamAction: 'ListEventSourceMappings', run: listEventSourceMappings },
  { method: 'GET', path: `${MAPPINGS}/:UUID`, iamAction: 'GetEventSourceMapping', run: getEventSourceMapping },
  { method: 'PUT', path: `${MAPPINGS}/:UUID`, iamAction: 'UpdateEventSourceMapping', run: updateEventSourceMapping },
  { method: 'DELETE', path: `${MAPPINGS}/:UUID`, iamAction: 'DeleteEventSourceMapping', run: deleteEventSourceMapping },
];
