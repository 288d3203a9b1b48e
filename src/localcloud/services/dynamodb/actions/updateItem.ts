import { defineAction, tableResource } from '../action.js';
import { itemWrite } from '../passThrough.js';
import { admitItemWrite } from '../throughput/admission.js';

/** UpdateItem: dynalite's, admitted by the throughput model (by its Key's partition), with AWS's ReturnValuesOnConditionCheckFailure. */
export const updateItem = defineAction(
  { name: 'UpdateItem', action: 'dynamodb:UpdateItem', resource: tableResource },
  itemWrite('UpdateItem', admitItemWrite('Key')),
);
