import { describe, expect, it } from 'vitest';
import { PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { consumerPolicy, producerPolicy, type PolicyDocument } from '../../src/stack/policies.js';
import { INLINE_POLICY_NAME } from '../../src/stack/resources/roles.js';
import { stackStatus } from '../../src/stack/status.js';
import { waitUntil } from '../helpers/stack.js';
import { isNotFound } from '../../src/stack/retry.js';
import { up, useDeployedStack } from './support.js';

interface Booked {
  status: number;
  requestId?: string;
}

describe('IAM enforced on what the deployed functions do (issue 5, behaviour 10)', () => {
  const stack = useDeployedStack('iam');

  const book = async (): Promise<Booked> => {
    const res = await fetch(`${stack().ctx.outputs.apiUrl}/api/book-bus`, { method: 'POST', body: '{}' });
    return { status: res.status, requestId: ((await res.json()) as { requestId?: string }).requestId };
  };
  const bookingStatus = async (requestId: string) =>
    ((await (await fetch(`${stack().ctx.outputs.apiUrl}/api/bookings/${requestId}`)).json()) as { status: string }).status;
  /** The role's inline policy without one statement, as someone trimming permissions by hand would leave it. */
  const withoutStatement = async (roleName: string, policy: PolicyDocument, sid: string) => {
    const trimmed = { ...policy, Statement: policy.Statement.filter((st) => st.Sid !== sid) };
    await stack().t.clients.iam.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName: INLINE_POLICY_NAME, PolicyDocument: JSON.stringify(trimmed) }));
  };
  /** The function's log lines that mention `text`, once there are some. */
  const logLinesWith = (fn: string, text: string) =>
    waitUntil(async () => {
      const { events } = await stack()
        .t.clients.logs.send(new FilterLogEventsCommand({ logGroupName: `/aws/lambda/${fn}` }))
        .catch((err) => {
          if (isNotFound(err)) return { events: [] };
          throw err;
        });
      const lines = (events ?? []).map((e) => e.message ?? '').filter((m) => m.includes(text));
      return lines.length ? lines : undefined;
    });
  const roleDrift = async (id: string) => (await stackStatus(stack().ctx)).resources.find((r) => r.id === id);

  it('a consumer role without its table statement: the booking is queued but never processed; AccessDenied in the logs; up repairs it', async () => {
    const { ctx } = stack();
    await withoutStatement(ctx.names.consumerRole, consumerPolicy(ctx), 'Table');
    const stuck = await book();
    expect(stuck.status).toBe(200);

    const denied = await logLinesWith(ctx.names.consumer, 'AccessDeniedException');
    expect(denied.join('\n')).toMatch(new RegExp(`assumed-role/${ctx.names.consumerRole}/.* is not authorized to perform: dynamodb:`));
    expect(await bookingStatus(stuck.requestId!)).toBe('queued');
    expect(await roleDrift('role:consumer')).toMatchObject({ state: 'drift', drift: ['permissions differ'] });

    await up(stack().session);
    const repaired = await book();
    expect(await waitUntil(async () => ((await bookingStatus(repaired.requestId!)) === 'confirmed' ? true : undefined))).toBe(true);
  });

  it('a producer role without SendMessage: the API answers a final 500 naming the refusal (no retry helps until the role is repaired) and gives no requestId; up repairs it', async () => {
    const { ctx } = stack();
    await withoutStatement(ctx.names.producerRole, producerPolicy(ctx), 'Enqueue');
    const refused = await book();
    expect(refused).toEqual({ status: 500, requestId: undefined });
    const denied = await logLinesWith(ctx.names.producer, 'sqs:');
    expect(denied.join('\n')).toMatch(/is not authorized to perform: sqs:(getqueueurl|sendmessage)/);
    expect(await roleDrift('role:producer')).toMatchObject({ state: 'drift', drift: ['permissions differ'] });

    await up(stack().session);
    expect((await book()).status).toBe(200);
  });
});
