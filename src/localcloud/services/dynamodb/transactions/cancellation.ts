import { AwsError } from '../../../core/errors.js';
import type { AttributeMap } from '../dynalite.js';

/** Why one item of a transaction did not go through; `{ Code: 'None' }` for the items that would have. */
export interface CancellationReason {
  Code: string;
  Message?: string;
  /** The item as it is, when the failed item asked for ReturnValuesOnConditionCheckFailure ALL_OLD. */
  Item?: AttributeMap;
}

export const NO_REASON: CancellationReason = { Code: 'None' };

/** TransactionCanceledException with one reason per item, in request order, as the SDK exposes them. */
export function transactionCanceled(reasons: readonly CancellationReason[]): AwsError {
  const codes = reasons.map((r) => r.Code).join(', ');
  return new AwsError('TransactionCanceledException', `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes}]`, 400, true, {
    CancellationReasons: reasons,
  });
}
