import { createHash } from 'node:crypto';
import { AwsError } from '../../../core/errors.js';
import type { Input } from '../dynalite.js';

/** AWS honours a ClientRequestToken for 10 minutes after the first request that used it completed. */
export const TOKEN_WINDOW_MS = 10 * 60_000;
/** The SDK sends a fresh token with every call: under a flood, memory stays bounded by forgetting the oldest. */
export const MAX_REMEMBERED_TOKENS = 100_000;

interface TokenUse {
  fingerprint: string;
  /** Set once the request succeeded; what a retry with the same token gets back. */
  response?: unknown;
  expiresAt: number;
}

/** Identifies a request by everything but its token, so a retry can be told from a different request. */
export function fingerprint(input: Input): string {
  return createHash('sha1')
    .update(JSON.stringify({ ...input, ClientRequestToken: undefined }))
    .digest('base64');
}

/**
 * TransactWriteItems idempotency: a token that completed a request answers the same request again
 * with the first response (no second write); a different request with it is refused. Only successes
 * are remembered: on AWS a cancelled transaction may be retried with its token.
 */
export class IdempotencyTokens {
  /** In insertion order; completed uses are re-inserted, so the oldest expiry comes first. */
  private readonly uses = new Map<string, TokenUse>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Registers a request under `token`. Returns the response to replay when the same request already
   * succeeded with it, undefined when the request should run (then call `succeeded` or `failed`).
   */
  claim(token: string, print: string): { response: unknown } | undefined {
    this.forgetExpired();
    const use = this.uses.get(token);
    if (use) {
      if (use.fingerprint !== print) {
        throw new AwsError('IdempotentParameterMismatchException', 'The request uses the same client token as a previous, but non-identical request.');
      }
      if (use.response === undefined) {
        throw new AwsError('TransactionInProgressException', 'The transaction with the given request token is already in progress.');
      }
      return { response: use.response };
    }
    this.uses.set(token, { fingerprint: print, expiresAt: Infinity });
    if (this.uses.size > MAX_REMEMBERED_TOKENS) this.uses.delete(this.uses.keys().next().value as string);
    return undefined;
  }

  succeeded(token: string, response: unknown): void {
    const use = this.uses.get(token);
    if (!use) return;
    this.uses.delete(token);
    this.uses.set(token, { ...use, response, expiresAt: this.now() + TOKEN_WINDOW_MS });
  }

  failed(token: string): void {
    this.uses.delete(token);
  }

  private forgetExpired() {
    const now = this.now();
    for (const [token, use] of this.uses) {
      if (use.expiresAt > now) break;
      this.uses.delete(token);
    }
  }
}
