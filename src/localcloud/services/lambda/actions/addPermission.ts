import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { assertRevision, ok, readBody, targetFunction, defineAction, lambdaResource } from '../action.js';
import { invalidParameter, resourceConflict } from '../errors.js';
import { permissionStatement } from '../policy.js';

const schema = z.looseObject({
  StatementId: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[a-zA-Z0-9-_]+$/),
  Action: z.string().regex(/^(lambda:[*]|lambda:[a-zA-Z]+|[*])$/),
  Principal: z.string().regex(/^[^\s]+$/),
  SourceArn: z.string().optional(),
  SourceAccount: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
  PrincipalOrgID: z.string().optional(),
  FunctionUrlAuthType: z.enum(['NONE', 'AWS_IAM']).optional(),
  RevisionId: z.string().optional(),
});

export const addPermission = defineAction({ name: 'AddPermission', action: 'lambda:AddPermission', resource: lambdaResource }, (input, store, ctx) => {
  if (input.query.get('Qualifier') === '$LATEST' || input.params.FunctionName.endsWith(':$LATEST')) {
    throw invalidParameter('We currently do not support adding policies for $LATEST.');
  }
  const fn = targetFunction(input, store, ctx);
  const body = readBody(input, schema);
  if (fn.policy.some((s) => s.Sid === body.StatementId)) {
    throw resourceConflict(
      `The statement id (${body.StatementId}) provided already exists. Please provide a new statement id, or remove the existing statement.`,
    );
  }
  assertRevision(fn, body.RevisionId);
  const statement = permissionStatement(body, fn.arn);
  fn.policy.push(statement);
  fn.revisionId = randomUUID();
  return ok({ Statement: JSON.stringify(statement) }, 201);
});
