import { z } from 'zod';
import { parseInput } from '../../../core/validation.js';
import { targetFunction, defineAction, lambdaResource } from '../action.js';

const headers = z.object({
  invocationType: z.enum(['Event', 'RequestResponse', 'DryRun']).default('RequestResponse'),
  logType: z.enum(['None', 'Tail']).default('None'),
  clientContext: z.string().optional(),
});

export const invoke = defineAction({ name: 'Invoke', action: 'lambda:InvokeFunction', resource: lambdaResource }, async (input, store, ctx) => {
  const fn = targetFunction(input, store, ctx);
  const h = parseInput(headers, {
    invocationType: input.headers['x-amz-invocation-type'],
    logType: input.headers['x-amz-log-type'],
    clientContext: input.headers['x-amz-client-context'],
  });
  const { invoker } = ctx.lambda;
  if (h.invocationType === 'DryRun') {
    invoker.check(fn);
    return { status: 204 };
  }
  if (h.invocationType === 'Event') {
    invoker.invokeAsync(fn, input.body);
    return { status: 202 };
  }
  const result = await invoker.invoke(fn, input.body, 'throttle', { tail: h.logType === 'Tail', clientContext: h.clientContext });
  const responseHeaders: Record<string, string> = { 'x-amz-executed-version': '$LATEST' };
  if (result.functionError) responseHeaders['x-amz-function-error'] = result.functionError;
  if (result.logTail !== undefined) responseHeaders['x-amz-log-result'] = result.logTail;
  return { status: 200, raw: result.payload, headers: responseHeaders };
});
