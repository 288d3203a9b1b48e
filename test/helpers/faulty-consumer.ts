// The consumer as the acceptance test deploys it when it forces redelivery: the real handler, wrapped from
// outside (nothing of this is in the production path). Two faults, each a real way AWS redelivers:
// - a DynamoDB transaction that fails (as one past its SDK retries): FAULT_TRANSIENT_RATE of the consumer's
//   TransactWriteItems calls fail before they are sent, so their records go back to the queue;
// - an environment that dies after its commits, before it answers: after FAULT_CRASH_RATE of the invocations
//   the process exits, the runtime reports Runtime.ExitError and the whole batch comes back.
// A record's deliveries from the SPARED_FROM_ATTEMPT-th on meet no transient fault: one that comes back alone
// is settled by a transaction of its own on every delivery, so at FAULT_TRANSIENT_RATE 0.2 it failed all five
// in about one run of six and was parked as failed by chance, which is not what the test is about.
import type { TransactWriteItemsCommandInput } from '@aws-sdk/client-dynamodb';
import type { Context, SQSEvent } from 'aws-lambda';
import { handler as consume } from '../../lambdas/consumer.js';
import { bookingIdOf, parseBookingMessage } from '../../lambdas/domain/message.js';
import { dynamodb } from '../../lambdas/lib/aws/dynamodb.js';
import { consumerConfig } from '../../lambdas/lib/config.js';
import { receiveCount } from '../../lambdas/lib/consume-record.js';
import { FAULT_ENV, hit, injectTransientFaults } from './fault-injection.js';

const SPARED_FROM_ATTEMPT = 3;

const rate = (name: string) => Number(process.env[name] ?? 0);

/** The bookings of the batch being settled that are on a spared delivery. */
let spared = new Set<string>();
const touchesSpared = (input: TransactWriteItemsCommandInput) => {
  const text = JSON.stringify(input);
  for (const bookingId of spared) if (text.includes(bookingId)) return true;
  return false;
};

// Before the client's first call, so that the Lambda's cached middleware stack includes it.
injectTransientFaults(dynamodb(consumerConfig().region), (input) => !touchesSpared(input) && hit(rate(FAULT_ENV.transientRate)));

export async function handler(event: SQSEvent, context: Context) {
  spared = new Set(event.Records.filter((r) => receiveCount(r) >= SPARED_FROM_ATTEMPT).flatMap((r) => bookingIdOf(parseBookingMessage(r.body)) ?? []));
  const result = await consume(event, context);
  if (hit(rate(FAULT_ENV.crashRate))) process.exit(1);
  return result;
}
