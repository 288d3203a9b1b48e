import { defineAction, tableResource } from '../action.js';
import { dynaliteOperation } from '../passThrough.js';

/** DescribeTable: dynalite's, as it is. */
export const describeTable = defineAction(
  { name: 'DescribeTable', action: 'dynamodb:DescribeTable', resource: tableResource },
  dynaliteOperation('DescribeTable'),
);
