import { drift, type Drift } from '../drift.js';
import {
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  GetEventSourceMappingCommand,
  ListEventSourceMappingsCommand,
  UpdateEventSourceMappingCommand,
  type EventSourceMappingConfiguration,
} from '@aws-sdk/client-lambda';
import type { Resource, StackContext } from '../context.js';
import { errorName, retry, unlessNotFound, waitFor } from '../retry.js';

const SETTLED = new Set(['Enabled', 'Disabled']);
const REPORT_FAILURES = 'ReportBatchItemFailures';

function findMapping(ctx: StackContext): Promise<EventSourceMappingConfiguration | undefined> {
  return unlessNotFound(async () => {
    const { EventSourceMappings } = await ctx.clients.lambda.send(new ListEventSourceMappingsCommand({ FunctionName: ctx.names.consumer }));
    return (EventSourceMappings ?? []).find((m) => m.EventSourceArn?.endsWith(`:${ctx.names.queue}`));
  });
}

/** Waits out Creating / Updating / Enabling: the mapping only polls once it is Enabled. */
async function waitSettled(ctx: StackContext, UUID: string) {
  ctx.progress('waiting for the event source mapping to be Enabled');
  await waitFor(
    async () => {
      const m = await ctx.clients.lambda.send(new GetEventSourceMappingCommand({ UUID }));
      return SETTLED.has(m.State ?? '') ? m : undefined;
    },
    'the event source mapping to settle',
    120_000,
  );
}

/** Starts deleting a mapping (Lambda finishes it in the background: state Deleting). */
export async function deleteMapping(ctx: StackContext, m: EventSourceMappingConfiguration): Promise<void> {
  if (m.State === 'Deleting') return;
  await retry(
    () => ctx.clients.lambda.send(new DeleteEventSourceMappingCommand({ UUID: m.UUID })),
    (err) => errorName(err) === 'ResourceInUseException',
    {
      attempts: 10,
      baseDelayMs: 500,
      maxDelayMs: 5_000,
    },
  );
}

/** SQS -> consumer event source mapping: batch 10, partial batch failures reported. */
export const mapping: Resource<EventSourceMappingConfiguration> = {
  id: 'mapping',
  after: ['function:consumer', 'queue'],
  name: (ctx) => `${ctx.names.queue} -> ${ctx.names.consumer}`,

  read: findMapping,

  diff(ctx, current) {
    if (!current) return [drift('absent')];
    const reasons: Drift[] = [];
    const { batchSize } = ctx.spec.settings;
    if (current.BatchSize !== batchSize) reasons.push(drift('setting-differs', `batch size is ${current.BatchSize}, wants ${batchSize}`));
    if (!(current.FunctionResponseTypes ?? []).includes(REPORT_FAILURES)) reasons.push(drift('partial-failures-off'));
    if (current.State === 'Disabled' || current.State === 'Disabling') reasons.push(drift('mapping-disabled'));
    return reasons;
  },

  async apply(ctx, current) {
    const lambda = ctx.clients.lambda;
    const wanted = { BatchSize: ctx.spec.settings.batchSize, FunctionResponseTypes: [REPORT_FAILURES as 'ReportBatchItemFailures'], Enabled: true };
    let uuid = current?.UUID;
    if (!current) {
      const created = await retry(
        () => lambda.send(new CreateEventSourceMappingCommand({ EventSourceArn: ctx.outputs.queueArn, FunctionName: ctx.names.consumer, ...wanted })),
        // The consumer role's SQS permissions can take a moment to propagate, as on AWS.
        (err) => errorName(err) === 'InvalidParameterValueException' && /permission|assume/i.test((err as Error).message),
        { attempts: 8, baseDelayMs: 1_000, maxDelayMs: 8_000, onRetry: () => ctx.progress('waiting for the consumer role permissions to propagate') },
      );
      uuid = created.UUID;
    } else {
      if (!SETTLED.has(current.State ?? '')) await waitSettled(ctx, current.UUID!);
      await retry(
        () => lambda.send(new UpdateEventSourceMappingCommand({ UUID: current.UUID, ...wanted })),
        (err) => errorName(err) === 'ResourceInUseException',
        {
          attempts: 10,
          baseDelayMs: 500,
          maxDelayMs: 5_000,
        },
      );
    }
    ctx.outputs.mappingUuid = uuid;
    await waitSettled(ctx, uuid!);
  },

  outputs(ctx, current) {
    ctx.outputs.mappingUuid = current.UUID;
  },

  async destroy(ctx) {
    const current = await findMapping(ctx);
    if (!current) return false;
    await deleteMapping(ctx, current);
    ctx.progress('waiting for the event source mapping to be deleted');
    await waitFor(async () => ((await findMapping(ctx)) ? undefined : true), 'the event source mapping to be deleted', 120_000);
    return true;
  },

  describe: (_ctx, current) =>
    `${current.State}, batch ${current.BatchSize}${(current.FunctionResponseTypes ?? []).includes(REPORT_FAILURES) ? ', partial failures' : ''}`,
};
