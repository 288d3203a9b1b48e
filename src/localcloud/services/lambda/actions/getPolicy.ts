import { ok, targetFunction, defineAction, lambdaResource } from '../action.js';
import { resourceNotFound } from '../errors.js';
import { policyDocument } from '../policy.js';

export const getPolicy = defineAction({ name: 'GetPolicy', action: 'lambda:GetPolicy', resource: lambdaResource }, (input, store, ctx) => {
  const fn = targetFunction(input, store, ctx);
  if (fn.policy.length === 0) throw resourceNotFound();
  return ok({ Policy: JSON.stringify(policyDocument(fn.policy)), RevisionId: fn.revisionId });
});
