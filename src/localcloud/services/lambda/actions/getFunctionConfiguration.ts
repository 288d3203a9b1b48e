import { ok, targetFunction, type LambdaAction } from '../action.js';
import { functionConfiguration } from '../view.js';

export const getFunctionConfiguration: LambdaAction = (input, store, ctx) => ok(functionConfiguration(targetFunction(input, store, ctx)));
