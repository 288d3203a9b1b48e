import { defineAction, tableResource } from '../action.js';
import { itemWrite } from '../passThrough.js';
import { admitItemWrite } from '../throughput/admission.js';

/** DeleteItem: dynalite's, admitted by the throughput model (by its Key's partition), with AWS's ReturnValuesOnConditionCheckFailure. */
export const deleteItem = defineAction(
  { name: 'DeleteItem', action: 'dynamodb:DeleteItem', resource: tableResource },
  itemWrite('DeleteItem', admitItemWrite('Key')),
);
