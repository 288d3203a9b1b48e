import { defaultProvider } from '@aws-sdk/credential-provider-node';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { LOCAL_CREDENTIALS } from '../aws/clients.js';
import type { StackTarget } from '../stack/context.js';
import { UserError } from '../errors.js';

export type Credentials = AwsCredentialIdentity | AwsCredentialIdentityProvider;

const NOT_FOUND = /Could not load credentials from any providers/i;

export const noCredentials = () =>
  new UserError('no AWS credentials found', 'run `aws configure` (or `aws sso login`), or set AWS_PROFILE / AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');
export const expiredCredentials = () => new UserError('your AWS credentials have expired', 'refresh them (e.g. `aws sso login`) and run the command again');

/**
 * The credentials a target's clients sign with. AWS: the SDK's default chain (env, SSO, shared files,
 * process, web identity, container / instance metadata), resolved once and refreshed as it expires.
 * Behind --endpoint (the AWS code path against a local cloud, which ignores signatures) the chain's
 * keys are used when there are any, so an endpoint still works on a machine with no AWS set up.
 * The embedded cloud and LocalStack: fixed test keys.
 */
export function credentialsFor(target: StackTarget): Credentials {
  if (target.kind !== 'aws') return LOCAL_CREDENTIALS;
  const chain = defaultProvider();
  if (!target.endpoint) return chain;
  let found: Promise<AwsCredentialIdentity> | undefined;
  return () => (found ??= chain().catch((err) => (NOT_FOUND.test((err as Error).message) ? LOCAL_CREDENTIALS : Promise.reject(err))));
}

/**
 * Resolves the credentials before any request: with none, the SDK would fail only on the first call
 * (after bundling, with a stack trace-like message). This makes no network call unless the chain
 * itself does (SSO, container or instance metadata).
 */
export async function checkCredentials(credentials: Credentials): Promise<void> {
  if (typeof credentials !== 'function') return;
  try {
    await credentials();
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    if (NOT_FOUND.test(message)) throw noCredentials();
    if (/expired/i.test(message)) throw expiredCredentials();
    throw new UserError(`AWS credentials could not be loaded: ${message.split('\n')[0]}`, 'check AWS_PROFILE and ~/.aws/config, or run `aws configure`');
  }
}
