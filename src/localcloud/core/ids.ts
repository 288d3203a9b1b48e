import { randomBytes, randomUUID } from 'node:crypto';

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Lower-case alphanumeric id, e.g. API Gateway's 10-character api ids. */
export function shortId(length = 10): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALNUM[bytes[i] % ALNUM.length];
  return out;
}

/** Upper-case id as IAM uses for RoleId (AROA...) or access keys (ASIA...). */
export function iamId(prefix: string, length = 17): string {
  const bytes = randomBytes(length);
  const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let out = prefix;
  for (let i = 0; i < length; i++) out += upper[bytes[i] % upper.length];
  return out;
}

export const requestId = (): string => randomUUID();
