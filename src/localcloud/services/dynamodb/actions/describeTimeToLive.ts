import { defineAction, tableResource } from '../action.js';
import { dynaliteOperation } from '../passThrough.js';

/** DescribeTimeToLive: dynalite's, as it is. */
export const describeTimeToLive = defineAction(
  { name: 'DescribeTimeToLive', action: 'dynamodb:DescribeTimeToLive', resource: tableResource },
  dynaliteOperation('DescribeTimeToLive'),
);
