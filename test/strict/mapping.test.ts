import { beforeAll, describe, expect, it } from 'vitest';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import {
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  DeleteFunctionCommand,
  GetEventSourceMappingCommand,
  GetFunctionCommand,
  ListEventSourceMappingsCommand,
} from '@aws-sdk/client-lambda';
import type { Resource } from '../../src/stack/context.js';
import { plan } from '../../src/stack/plan.js';
import { dlq, queue } from '../../src/stack/resources/queue.js';
import { consumerRole } from '../../src/stack/resources/roles.js';
import { consumerFunction } from '../../src/stack/resources/functions.js';
import { mapping } from '../../src/stack/resources/mapping.js';
import { isNotFound } from '../../src/stack/retry.js';
import { waitUntil } from '../helpers/stack.js';
import { progressRecorder, rejection, up, useSession, useStrictCloud } from './support.js';

/** Long enough to see Creating and Deleting from the test. */
const MAPPING_TRANSITION_MS = 500;
const TOO_SHORT_VISIBILITY = 2;
const CONSUMER_SIDE = [dlq, queue, consumerRole, consumerFunction, mapping] as Resource<unknown>[];

describe('SQS event source mappings (issue 5, behaviour 3)', () => {
  const cloud = useStrictCloud({ timings: { mappingTransitionMs: MAPPING_TRANSITION_MS } });
  const session = useSession(cloud, 'esm');
  let handMadeQueueArn: string;
  beforeAll(async () => {
    // A queue made by hand that hides a message for less time than the consumer runs.
    const { QueueUrl } = await cloud().clients.sqs.send(
      new CreateQueueCommand({ QueueName: session().ctx.names.queue, Attributes: { VisibilityTimeout: String(TOO_SHORT_VISIBILITY) } }),
    );
    const { Attributes } = await cloud().clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    handMadeQueueArn = Attributes!.QueueArn!;
    await up(session(), undefined, [consumerRole, consumerFunction] as Resource<unknown>[]);
  });

  const lambda = () => cloud().clients.lambda;
  const mappingState = async (UUID: string) => {
    try {
      return (await lambda().send(new GetEventSourceMappingCommand({ UUID }))).State;
    } catch (err) {
      if (isNotFound(err)) return 'gone';
      throw err;
    }
  };

  it("the cloud refuses a mapping when the queue's visibility timeout is less than the function timeout", async () => {
    const refused = await rejection(
      lambda().send(new CreateEventSourceMappingCommand({ EventSourceArn: handMadeQueueArn, FunctionName: session().ctx.names.consumer })),
    );
    expect([refused.name, refused.message]).toEqual([
      'InvalidParameterValueException',
      `Queue visibility timeout: ${TOO_SHORT_VISIBILITY} seconds is less than Function timeout: 5 seconds`,
    ]);
  });

  it('the CLI sets the visibility timeout before it creates the mapping, and waits for Enabled', async () => {
    const { ctx } = session();
    const planned = await plan(ctx, CONSUMER_SIDE);
    expect(planned.changes.find((c) => c.id === 'queue')?.reasons).toContainEqual({
      code: 'setting-differs',
      text: `VisibilityTimeout is ${TOO_SHORT_VISIBILITY}, wants 60`,
    });
    const progress = progressRecorder();
    await up(session(), progress.reporter, CONSUMER_SIDE);
    expect(progress.of('mapping')).toContain('waiting for the event source mapping to be Enabled');
    const { Attributes } = await cloud().clients.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: ctx.outputs.queueUrl, AttributeNames: ['VisibilityTimeout'] }),
    );
    expect(Attributes?.VisibilityTimeout).toBe('60');
    expect(await mappingState(ctx.outputs.mappingUuid!)).toBe('Enabled');
  });

  it('the cloud: a new mapping is Creating, then Enabled; a deleted one is Deleting, and its function cannot be deleted meanwhile', async () => {
    const { ctx } = session();
    await lambda().send(new DeleteEventSourceMappingCommand({ UUID: ctx.outputs.mappingUuid }));
    expect(await mappingState(ctx.outputs.mappingUuid!)).toBe('Deleting');
    const refused = await rejection(lambda().send(new DeleteFunctionCommand({ FunctionName: ctx.names.consumer })));
    expect([refused.name, refused.$metadata?.httpStatusCode]).toEqual(['ResourceConflictException', 409]);
    expect(refused.message).toMatch(/is being deleted/);
    await waitUntil(async () => ((await mappingState(ctx.outputs.mappingUuid!)) === 'gone' ? true : undefined));

    const created = await lambda().send(new CreateEventSourceMappingCommand({ EventSourceArn: ctx.outputs.queueArn, FunctionName: ctx.names.consumer }));
    expect(created.State).toBe('Creating');
    await waitUntil(async () => ((await mappingState(created.UUID!)) === 'Enabled' ? true : undefined));
    ctx.outputs.mappingUuid = created.UUID;
  });

  it('the CLI deletes a function whose mapping is still Deleting by waiting for it', async () => {
    const { ctx } = session();
    await lambda().send(new DeleteEventSourceMappingCommand({ UUID: ctx.outputs.mappingUuid }));
    const messages: string[] = [];
    expect(await consumerFunction.destroy({ ...ctx, progress: (m) => messages.push(m) })).toBe(true);
    expect(messages).toContain('waiting for 1 event source mapping(s) to finish deleting');
    expect(await rejection(lambda().send(new GetFunctionCommand({ FunctionName: ctx.names.consumer })))).toMatchObject({ name: 'ResourceNotFoundException' });
    expect((await lambda().send(new ListEventSourceMappingsCommand({ FunctionName: ctx.names.consumer }))).EventSourceMappings ?? []).toEqual([]);
  });
});
