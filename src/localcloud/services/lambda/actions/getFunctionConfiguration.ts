import { ok, targetFunction, defineAction, lambdaResource } from '../action.js';
import { functionConfiguration } from '../view.js';

export const getFunctionConfiguration = defineAction(
  { name: 'GetFunctionConfiguration', action: 'lambda:GetFunctionConfiguration', resource: lambdaResource },
  (input, store, ctx) => ok(functionConfiguration(targetFunction(input, store, ctx))),
);
