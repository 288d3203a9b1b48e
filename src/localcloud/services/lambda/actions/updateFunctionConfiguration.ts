import { z } from 'zod';
import { defineAction, functionToUpdate, lambdaResource, ok } from '../action.js';
import { beginUpdate } from '../lifecycle.js';
import { assertAssumable, assertEnvironment, configurationMembers } from '../validate.js';
import { functionConfiguration } from '../view.js';

const schema = z.looseObject({ ...configurationMembers, RevisionId: z.string().optional() });

export const updateFunctionConfiguration = defineAction(
  { name: 'UpdateFunctionConfiguration', action: 'lambda:UpdateFunctionConfiguration', resource: lambdaResource },
  (input, store, ctx) => {
    const { fn, body } = functionToUpdate(input, store, ctx, schema, (b) => b.Runtime);
    if (body.Environment?.Variables) assertEnvironment(body.Environment.Variables);
    if (body.Role && body.Role !== fn.config.role) assertAssumable(ctx.cloud, body.Role);
    const config = {
      ...fn.config,
      runtime: body.Runtime ?? fn.config.runtime,
      role: body.Role ?? fn.config.role,
      handler: body.Handler ?? fn.config.handler,
      description: body.Description ?? fn.config.description,
      timeout: body.Timeout ?? fn.config.timeout,
      memorySize: body.MemorySize ?? fn.config.memorySize,
      environment: body.Environment ? body.Environment.Variables : fn.config.environment,
    };
    beginUpdate(
      fn,
      { config },
      ctx.lambda.scheduler,
      ctx.cloud.options.timings.functionUpdateMs,
      () => ctx.lambda.runtime.recycle(fn),
      ctx.lambda.runtime.prepare(config.runtime),
    );
    return ok(functionConfiguration(fn));
  },
);
