import { describe, expect, it } from 'vitest';
import { AwsError } from './errors.js';
import { asDecoded, dispatch, type Operation } from './operation.js';
import type { CallContext, CloudContext, Principal } from './types.js';

const ROOT: Principal = { kind: 'root', arn: 'arn:aws:iam::000000000000:root' };
const SESSION: Principal = {
  kind: 'role',
  arn: 'arn:aws:sts::000000000000:assumed-role/app/fn',
  roleArn: 'arn:aws:iam::000000000000:role/app',
  roleName: 'app',
  accessKeyId: 'ASIAEXAMPLE',
};

/** A call context whose IAM allows exactly `allowed` (`action resource` strings) and records what it was asked. */
function context(principal: Principal, allowed: string[] = []) {
  const asked: string[] = [];
  const iam = {
    isAllowed: (_p: Principal, action: string, resource: string) => {
      asked.push(`${action} ${resource}`);
      return allowed.includes(`${action} ${resource}`);
    },
  };
  const cloud = { api: () => iam } as unknown as CloudContext;
  const ctx: CallContext = { requestId: 'r', region: 'us-east-1', accountId: '000000000000', principal, cloud };
  return { ctx, asked };
}

/** What happened, in order: parse, resource, run. */
function example(steps: string[], overrides: Partial<Operation<{ name?: string }, string, null>> = {}): Operation<{ name?: string }, string, null> {
  return {
    name: 'PutThing',
    action: 'svc:PutThing',
    resource: (req) => {
      steps.push('resource');
      return `arn:thing/${req.name ?? '*'}`;
    },
    parse: (req) => {
      steps.push('parse');
      if (!req.name) throw new AwsError('ValidationException', 'name is required', 400);
      return req.name;
    },
    run: (input) => {
      steps.push('run');
      return `put ${input}`;
    },
    ...overrides,
  };
}

describe('dispatch: one operation shape, authorized in one place', () => {
  it('runs the developer (root) without asking IAM, and without reading the resource', () => {
    const steps: string[] = [];
    const { ctx, asked } = context(ROOT);
    expect(dispatch(example(steps), { name: 'a' }, null, ctx)).toBe('put a');
    expect(steps).toEqual(['parse', 'run']);
    expect(asked).toEqual([]);
  });

  it("refuses a role session without the permission, in AWS's words and the service's code and status", () => {
    const { ctx } = context(SESSION);
    const call = () => dispatch(example([]), { name: 'a' }, null, ctx, { denied: { code: 'AccessDenied', status: 403 } });
    expect(call).toThrow(
      expect.objectContaining({
        code: 'AccessDenied',
        status: 403,
        message: `User: ${SESSION.arn} is not authorized to perform: svc:PutThing on resource: arn:thing/a because no identity-based policy allows the svc:PutThing action`,
      }),
    );
  });

  it('authorizes before it parses unless the service validates first', () => {
    const authorizeFirst: string[] = [];
    expect(() => dispatch(example(authorizeFirst), {}, null, context(SESSION).ctx)).toThrow(/not authorized/);
    expect(authorizeFirst).toEqual(['resource']);
    const validateFirst: string[] = [];
    expect(() => dispatch(example(validateFirst), {}, null, context(SESSION).ctx, { validateFirst: true })).toThrow(/name is required/);
    expect(validateFirst).toEqual(['parse']);
  });

  it('checks every resource and every permission an operation names', () => {
    const { ctx, asked } = context(SESSION, ['svc:PutThing arn:a', 'svc:PutThing arn:b', 'svc:Other arn:c']);
    expect(dispatch(example([], { resource: () => ['arn:a', 'arn:b'] }), { name: 'x' }, null, ctx)).toBe('put x');
    expect(asked).toEqual(['svc:PutThing arn:a', 'svc:PutThing arn:b']);
    expect(dispatch(example([], { permissions: () => [{ action: 'svc:Other', resource: 'arn:c' }] }), { name: 'x' }, null, ctx)).toBe('put x');
  });

  it("leaves an unchecked operation to its handler, and lets a service's own grants decide before IAM", () => {
    const { ctx, asked } = context(SESSION);
    expect(dispatch(example([], { unchecked: 'decided by the handler' }), { name: 'x' }, null, ctx)).toBe('put x');
    const grants = () => true;
    expect(dispatch(example([]), { name: 'x' }, null, ctx, { grants })).toBe('put x');
    expect(asked).toEqual([]);
  });

  it('hands a handler that validates as it goes the decoded call as is', () => {
    const op: Operation<{ n: number }, { n: number }, null> = { name: 'Echo', action: 'svc:Echo', parse: asDecoded, run: (input) => input };
    const req = { n: 1 };
    expect(dispatch(op, req, null, context(ROOT).ctx)).toBe(req);
  });
});
