// The consumer as the acceptance test deploys it when it forces redelivery: the real handler, wrapped from
// outside (nothing of this is in the production path). Two faults, each a real way AWS redelivers:
// - a DynamoDB transaction that fails (as one past its SDK retries): FAULT_TRANSIENT_RATE of the consumer's
//   TransactWriteItems calls fail before they are sent, so their records go back to the queue;
// - an environment that dies after its commits, before it answers: after FAULT_CRASH_RATE of the invocations
//   the process exits, the runtime reports Runtime.ExitError and the whole batch comes back.
import type { Context, SQSEvent } from 'aws-lambda';
import { handler as consume } from '../../lambdas/consumer.js';
import { dynamodb } from '../../lambdas/lib/aws/dynamodb.js';
import { consumerConfig } from '../../lambdas/lib/config.js';
import { FAULT_ENV, hit, injectTransientFaults } from './fault-injection.js';

const rate = (name: string) => Number(process.env[name] ?? 0);

// Before the client's first call, so that the Lambda's cached middleware stack includes it.
injectTransientFaults(dynamodb(consumerConfig().region), () => hit(rate(FAULT_ENV.transientRate)));

export async function handler(event: SQSEvent, context: Context) {
  const result = await consume(event, context);
  if (hit(rate(FAULT_ENV.crashRate))) process.exit(1);
  return result;
}
