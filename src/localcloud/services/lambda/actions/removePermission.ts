import { randomUUID } from 'node:crypto';
import { assertRevision, noContent, targetFunction, defineAction, lambdaResource } from '../action.js';
import { resourceNotFound } from '../errors.js';

export const removePermission = defineAction({ name: 'RemovePermission', action: 'lambda:RemovePermission', resource: lambdaResource }, (input, store, ctx) => {
  const fn = targetFunction(input, store, ctx);
  const sid = input.params.StatementId;
  if (fn.policy.length === 0) throw resourceNotFound('No policy is associated with the given resource.');
  const at = fn.policy.findIndex((s) => s.Sid === sid);
  if (at === -1) throw resourceNotFound(`Statement ${sid} is not found in resource policy.`);
  assertRevision(fn, input.query.get('RevisionId') ?? undefined);
  fn.policy.splice(at, 1);
  fn.revisionId = randomUUID();
  return noContent();
});
