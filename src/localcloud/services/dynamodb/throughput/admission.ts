import type { AttributeMap, Input } from '../dynalite.js';
import type { DynamoStore } from '../store.js';
import { partitionOf, STANDARD_WRITE_UNITS, throughputExceeded } from './hotKey.js';

/** Charges a validated PutItem (`Item`) / UpdateItem, DeleteItem (`Key`) to its partition, or throws the throttling error. */
export const admitItemWrite = (keyMember: 'Item' | 'Key') => async (request: Input, store: DynamoStore) => {
  if (!store.limiter) return;
  const table = await store.table(request.TableName as string);
  const partition = partitionOf(table, request[keyMember] as AttributeMap);
  if (partition && store.limiter.take([{ partition, units: STANDARD_WRITE_UNITS }]).length > 0) throw throughputExceeded(table);
};

export type Admission = ReturnType<typeof admitItemWrite>;
