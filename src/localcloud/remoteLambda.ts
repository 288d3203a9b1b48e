import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { LambdaApi } from './core/types.js';
import { AwsError } from './core/errors.js';

const LOCAL_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

/**
 * A LambdaApi that invokes functions living in another cloud (LocalStack's Lambda), so the embedded
 * API Gateway can front them: LocalStack's free image has no API Gateway v2.
 */
export function remoteLambdaApi(endpoint: string): LambdaApi {
  const clients = new Map<string, LambdaClient>();
  const client = (region: string) => {
    let c = clients.get(region);
    if (!c) clients.set(region, (c = new LambdaClient({ region, endpoint, credentials: LOCAL_CREDENTIALS, maxAttempts: 2 })));
    return c;
  };
  return {
    async invoke(functionRef, payload, region) {
      try {
        const out = await client(region).send(
          new InvokeCommand({ FunctionName: functionRef, Payload: typeof payload === 'string' ? Buffer.from(payload) : payload }),
        );
        return {
          statusCode: out.StatusCode ?? 200,
          payload: Buffer.from(out.Payload ?? new Uint8Array()),
          functionError: out.FunctionError as 'Unhandled' | 'Handled' | undefined,
          executedVersion: out.ExecutedVersion ?? '$LATEST',
        };
      } catch (err) {
        const e = err as Error & { $metadata?: { httpStatusCode?: number } };
        throw new AwsError(e.name || 'ServiceException', e.message, e.$metadata?.httpStatusCode ?? 502);
      }
    },
    // The resource policy lives in the remote cloud, and LocalStack does not enforce it on its own API
    // Gateway either; `bus-cli status` still checks the permission exists there.
    isInvokeAllowed: () => true,
  };
}
