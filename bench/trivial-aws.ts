// What bench:sdk and bench:skeleton share: a booking's SDK calls made as the Lambdas make them, the bookings they
// send, and the trivial server's answers (the smallest valid response to each call, storing nothing).
import { createHash } from 'node:crypto';
import { type BookingMessage, MESSAGE_VERSION } from '../lambdas/domain/booking.js';

const REGION = 'ap-northeast-2';
/** Any name does: the trivial server reads no table (nor queue) name. */
export const TABLE = 'aram-stats';

/** What a Lambda environment gives the Lambdas' clients (which cache their middleware stack per command). */
function lambdaEnvironment(endpoint: string, functionName: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_ACCESS_KEY_ID: 'ASIABENCH',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_SESSION_TOKEN: 'bench',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

/**
 * A booking's three SDK calls, made with the Lambdas' own clients and request builders: the producer's two
 * (createBooking, enqueue) and the consumer's one per batch (settleTogether). The clients read the process's
 * environment, so it is set, as in a Lambda environment, before they load.
 */
export async function lambdaCalls(endpoint: string, functionName: string) {
  Object.assign(process.env, lambdaEnvironment(endpoint, functionName));
  const { dynamodb } = await import('../lambdas/lib/aws/dynamodb.js');
  const { sqs } = await import('../lambdas/lib/aws/sqs.js');
  const { createBooking } = await import('../lambdas/lib/bookings.js');
  const { enqueue } = await import('../lambdas/lib/queue.js');
  const { settleTogether } = await import('../lambdas/lib/settle.js');
  const { SoldOutHints } = await import('../lambdas/lib/sold-out-hints.js');
  const hints = new SoldOutHints();
  const queue = `${endpoint}/000000000000/aram-queue`;
  return {
    createBooking: (message: BookingMessage) => createBooking(dynamodb(REGION), TABLE, message, { shard: 0, sendBy: Date.now() }),
    enqueue: (message: BookingMessage) => enqueue(sqs(REGION), queue, message),
    settle: (messages: BookingMessage[]) => settleTogether(dynamodb(REGION), TABLE, messages, hints),
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
  return target.endsWith('SendMessage') ? sendMessageAnswer((JSON.parse(body) as { MessageBody: string }).MessageBody) : '{}';
}

/** SendMessage's answer for a message body: its MD5, as SQS gives it. */
export const sendMessageAnswer = (messageBody: string): string =>
  JSON.stringify({ MessageId: 'bench', MD5OfMessageBody: createHash('md5').update(messageBody).digest('hex') });

export const TRIVIAL_ANSWER_HEADERS = { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'bench' };
