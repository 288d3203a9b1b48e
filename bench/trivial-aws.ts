// What bench:sdk and bench:skeleton share: the calls' names, the environment the Lambdas' clients read, the
// bookings they send, and the trivial server's answers (the smallest valid response to each call, storing nothing).
import { createHash } from 'node:crypto';
import { type BookingMessage, MESSAGE_VERSION } from '../lambdas/domain/booking.js';

export const REGION = 'ap-northeast-2';
/** Any names do: the trivial server reads neither. */
export const TABLE = 'aram-stats';
export const queueUrl = (endpoint: string) => `${endpoint}/000000000000/aram-queue`;

/** What a Lambda environment gives the Lambdas' clients (which cache their middleware stack per command). */
export function lambdaEnvironment(endpoint: string, functionName: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_ACCESS_KEY_ID: 'ASIABENCH',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_SESSION_TOKEN: 'bench',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

export const bookingMessage = (requestId: string): BookingMessage => ({
  v: MESSAGE_VERSION,
  requestId,
  tripId: 'seoul-busan-1',
  seats: 1,
  passenger: 'anonymous',
  acceptedAt: new Date().toISOString(),
});

/**
 * The answer to a DynamoDB or SQS call of the JSON protocol: {} (a committed transaction), and for SendMessage
 * the MD5OfMessageBody the SQS client checks, as SQS would.
 */
export function trivialAnswer(target: string, body: string): string {
  if (!target.endsWith('SendMessage')) return '{}';
  const md5 = createHash('md5')
    .update((JSON.parse(body) as { MessageBody: string }).MessageBody)
    .digest('hex');
  return JSON.stringify({ MessageId: 'bench', MD5OfMessageBody: md5 });
}

export const TRIVIAL_ANSWER_HEADERS = { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'bench' };
