import { defineAction, tableResource } from '../action.js';
import { itemWrite } from '../passThrough.js';
import { admitItemWrite } from '../throughput/admission.js';

/** PutItem: dynalite's, admitted by the throughput model (by its Item's partition), with AWS's ReturnValuesOnConditionCheckFailure. */
export const putItem = defineAction({ name: 'PutItem', action: 'dynamodb:PutItem', resource: tableResource }, itemWrite('PutItem', admitItemWrite('Item')));
