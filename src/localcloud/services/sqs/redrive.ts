/** The part of a fauxqs queue redrive touches. */
interface RedrivenQueue {
  arn: string;
  dequeue(max: number, visibility: number | undefined, resolveDlq?: (arn: string) => Dlq | undefined): unknown;
}
interface Dlq {
  enqueue(message: { approximateReceiveCount: number; deadLetterQueueSourceArn?: string }): void;
}

/**
 * AWS moves a message to its dead-letter queue when a receive finds it received maxReceiveCount times
 * already: the move is no receive (the DLQ's first receive counts maxReceiveCount + 1), and the message
 * carries DeadLetterQueueSourceArn. fauxqs counts the move as a receive and keeps no source, so the
 * queue's dequeue gets a DLQ resolver that corrects both.
 */
export function redriveAsAws<Q extends RedrivenQueue>(queue: Q): Q {
  const dequeue = queue.dequeue.bind(queue);
  queue.dequeue = (max, visibility, resolveDlq) =>
    dequeue(
      max,
      visibility,
      resolveDlq &&
        ((arn) => {
          const dlq = resolveDlq(arn);
          return (
            dlq && {
              enqueue(message) {
                message.approximateReceiveCount--;
                message.deadLetterQueueSourceArn = queue.arn;
                dlq.enqueue(message);
              },
            }
          );
        }),
    );
  return queue;
}
