import type { DynamoDBClient, TransactWriteItemsCommandInput } from '@aws-sdk/client-dynamodb';

/** The rates test/helpers/faulty-consumer.ts reads from its environment. */
export const FAULT_ENV = { transientRate: 'FAULT_TRANSIENT_RATE', crashRate: 'FAULT_CRASH_RATE' } as const;
export const INJECTED_TRANSIENT_FAULT = 'injected transient fault';
export const INJECTED_TRANSIENT_FAULT_NAME = 'InjectedTransientFault';

export const hit = (rate: number) => rate > 0 && Math.random() < rate;

/**
 * Fails the client's TransactWriteItems calls that `fails` picks before they are sent. At `initialize`, outside
 * the SDK's retry loop, so a picked call fails as one whose retries ran out.
 */
export function injectTransientFaults(client: DynamoDBClient, fails: (input: TransactWriteItemsCommandInput) => boolean): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'TransactWriteItemsCommand' && fails(args.input as TransactWriteItemsCommandInput)) {
        throw Object.assign(new Error(INJECTED_TRANSIENT_FAULT), { name: INJECTED_TRANSIENT_FAULT_NAME });
      }
      return next(args);
    },
    { step: 'initialize', name: 'injectTransientFaults' },
  );
}
