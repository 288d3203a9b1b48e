import { AwsError } from '../../../core/errors.js';
import type { AttributeMap, TableDescription } from '../dynalite.js';
import type { CancellationReason } from '../transactions/cancellation.js';

/** Write units a write of up to 1 KB consumes; transactions pay twice (prepare and commit). */
export const STANDARD_WRITE_UNITS = 1;
export const TRANSACTIONAL_WRITE_UNITS = 2;

/** What on-demand tables answer when one partition key is written too fast. */
const ON_DEMAND_MESSAGE =
  'Throughput exceeds the current capacity of your table or index. DynamoDB is automatically scaling your table or index so please try again shortly. If exceptions persist, check if you have a hot key: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html';
const PROVISIONED_MESSAGE =
  'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.';
/** The ThrottlingReason AWS gives for a hot partition key. */
const KEY_RANGE_REASON = 'TableWriteKeyRangeThroughputExceeded';

const isOnDemand = (table: TableDescription) => table.BillingModeSummary?.BillingMode === 'PAY_PER_REQUEST';

/** The limiter's name for the partition an item (or key) lives in; undefined when it lacks the partition key. */
export function partitionOf(table: TableDescription, keyOrItem: AttributeMap | undefined): string | undefined {
  const value = keyOrItem?.[table.KeySchema[0].AttributeName];
  if (!value) return undefined;
  const type = Object.keys(value)[0];
  return `${table.TableName}\u0000${type}\u0000${String(value[type])}`;
}

/** The error a throttled single-item write or batch gets: ThrottlingException on on-demand tables. */
export function throughputExceeded(table: TableDescription): AwsError {
  const reasons = [{ reason: KEY_RANGE_REASON, resource: table.TableArn }];
  return isOnDemand(table)
    ? new AwsError('ThrottlingException', ON_DEMAND_MESSAGE, 400, true, { throttlingReasons: reasons })
    : new AwsError('ProvisionedThroughputExceededException', PROVISIONED_MESSAGE, 400, true, { ThrottlingReasons: reasons });
}

/** Why a transaction item was refused for capacity, as a CancellationReason. */
export function throttledReason(table: TableDescription): CancellationReason {
  return isOnDemand(table) ? { Code: 'ThrottlingError', Message: ON_DEMAND_MESSAGE } : { Code: 'ProvisionedThroughputExceeded', Message: PROVISIONED_MESSAGE };
}
