import type { ServerResponse } from 'node:http';
import { AwsError } from '../../core/errors.js';
import { awsJson } from '../../core/protocols/index.js';

/**
 * SQS speaks JSON but stays compatible with its old query protocol: an error's `__type` names the
 * model's shape, and `x-amzn-query-error: <code>;Sender` carries the query-era code, which the SDK
 * matches to the shape (its `name`) and exposes as `Code`. These are the codes of the service
 * model's `aws.protocols#awsQueryError` traits; a shape not listed uses its own name.
 */
const QUERY_CODES: Readonly<Record<string, string>> = {
  BatchEntryIdsNotDistinct: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
  BatchRequestTooLong: 'AWS.SimpleQueueService.BatchRequestTooLong',
  EmptyBatchRequest: 'AWS.SimpleQueueService.EmptyBatchRequest',
  InvalidBatchEntryId: 'AWS.SimpleQueueService.InvalidBatchEntryId',
  MessageNotInflight: 'AWS.SimpleQueueService.MessageNotInflight',
  PurgeQueueInProgress: 'AWS.SimpleQueueService.PurgeQueueInProgress',
  QueueDeletedRecently: 'AWS.SimpleQueueService.QueueDeletedRecently',
  QueueDoesNotExist: 'AWS.SimpleQueueService.NonExistentQueue',
  QueueNameExists: 'QueueAlreadyExists',
  TooManyEntriesInBatchRequest: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
  UnsupportedOperation: 'AWS.SimpleQueueService.UnsupportedOperation',
  // Not in the model: AWS sends these shapes, and the SDK knows them only by their query code.
  InvalidParameterValueException: 'InvalidParameterValue',
  MissingRequiredParameterException: 'MissingParameter',
};

/** fauxqs names two errors by their query code; AWS's wire shape is the exception. */
const SHAPE_OF_FAUXQS_CODE: Readonly<Record<string, string>> = {
  InvalidParameterValue: 'InvalidParameterValueException',
  MissingParameter: 'MissingRequiredParameterException',
};

const json = awsJson('com.amazonaws.sqs');

/** SQS's protocol: JSON, with every error's query code in `x-amzn-query-error`. */
export const sqsProtocol = {
  reply: json.reply,
  error(res: ServerResponse, err: AwsError, requestId: string) {
    res.setHeader('x-amzn-query-error', `${QUERY_CODES[err.code] ?? err.code};${err.senderFault ? 'Sender' : 'Receiver'}`);
    json.error(res, err, requestId);
  },
};

/** An error of fauxqs's (`{ code, message, statusCode, senderFault }`) as the AwsError AWS would answer; anything else as is. */
export function fromFauxqsError(err: unknown): unknown {
  const e = err as { code?: unknown; statusCode?: unknown; senderFault?: boolean; message: string };
  if (typeof e?.statusCode !== 'number' || typeof e.code !== 'string') return err;
  return new AwsError(SHAPE_OF_FAUXQS_CODE[e.code] ?? e.code, e.message, e.statusCode, e.senderFault);
}

export const invalidParameterValue = (message: string) => new AwsError('InvalidParameterValueException', message, 400);
export const invalidAttributeName = (message: string) => new AwsError('InvalidAttributeName', message, 400);
