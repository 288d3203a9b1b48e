import { z } from 'zod';
import { defineAction, functionToUpdate, lambdaResource, ok } from '../action.js';
import { storeCode } from '../code.js';
import { beginUpdate } from '../lifecycle.js';
import { codeSource, zipOf } from '../validate.js';
import { functionConfiguration } from '../view.js';

const schema = z.looseObject({
  ...codeSource.shape,
  Architectures: z
    .array(z.enum(['x86_64', 'arm64']))
    .min(1)
    .max(1)
    .optional(),
  RevisionId: z.string().optional(),
  DryRun: z.boolean().optional(),
});

export const updateFunctionCode = defineAction(
  { name: 'UpdateFunctionCode', action: 'lambda:UpdateFunctionCode', resource: lambdaResource },
  (input, store, ctx) => {
    const { fn, body } = functionToUpdate(input, store, ctx, schema);
    const code = storeCode(ctx.cloud.options.stateDir, fn.name, zipOf(body));
    if (body.DryRun) return ok(functionConfiguration(fn));
    const config = body.Architectures ? { ...fn.config, architectures: body.Architectures } : fn.config;
    beginUpdate(fn, { code, config }, ctx.lambda.scheduler, ctx.cloud.options.timings.functionUpdateMs, () => ctx.lambda.runtime.recycle(fn));
    ctx.lambda.runtime.stage(fn);
    return ok(functionConfiguration(fn));
  },
);
