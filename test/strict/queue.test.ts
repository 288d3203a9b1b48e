import { describe, expect, it } from 'vitest';
import { CreateQueueCommand, DeleteQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { Resource } from '../../src/stack/context.js';
import { destroy } from '../../src/stack/apply.js';
import { dlq, queue } from '../../src/stack/resources/queue.js';
import { progressRecorder, rejection, up, useSession, useStrictCloud } from './support.js';

/** AWS's 60 s, shortened: `up` right after `down` still runs into it. */
const DELETED_RECENTLY_MS = 1_500;
const QUEUES = [dlq, queue] as Resource<unknown>[];

describe('QueueDeletedRecently (issue 5, behaviour 7)', () => {
  const cloud = useStrictCloud({ timings: { queueDeletedRecentlyMs: DELETED_RECENTLY_MS } });

  it('the cloud refuses to re-create a queue name soon after deleting it', async () => {
    const sqs = cloud().clients.sqs;
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'recycled' }));
    await sqs.send(new DeleteQueueCommand({ QueueUrl }));
    const refused = await rejection(sqs.send(new CreateQueueCommand({ QueueName: 'recycled' })));
    expect([refused.name, refused.message, refused.$metadata?.httpStatusCode]).toEqual([
      'QueueDeletedRecently',
      'You must wait 60 seconds after deleting a queue before you can create another with the same name.',
      400,
    ]);
  });

  describe('the CLI', () => {
    const session = useSession(cloud, 'requeue');

    it('`up` right after `down` counts the wait down, says AWS does the same and how to skip it locally, retries, and creates the queues', async () => {
      const { ctx } = session();
      await up(session(), undefined, QUEUES);
      await destroy(ctx, { progress() {}, deleted() {} }, QUEUES);

      const progress = progressRecorder();
      await up(session(), progress.reporter, QUEUES);
      // The DLQ goes first (the queue's redrive names it) and waits the window out.
      expect(progress.of('dlq')).toContainEqual(
        expect.stringMatching(
          /^queue deleted less than 60 s ago: AWS refuses the name that long too; retrying, at most 60 s left; `bus-cli local start --no-strict` skips the wait locally$/,
        ),
      );
      const { Attributes } = await cloud().clients.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: ctx.outputs.queueUrl, AttributeNames: ['VisibilityTimeout', 'RedrivePolicy'] }),
      );
      expect(Attributes?.VisibilityTimeout).toBe('60');
      expect(JSON.parse(Attributes?.RedrivePolicy ?? '{}').deadLetterTargetArn).toBe(ctx.outputs.dlqArn);
    });
  });
});
