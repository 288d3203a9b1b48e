import type { Case, Expectation, Service } from '../types.js';

/**
 * `localstack <file>#<class::test>`: a test of a LocalStack parity snapshot recorded on AWS (listed in the
 * sibling .validation.json as `tests/aws/services/<file>.py::<class::test>`).
 */
export const snapshot = (file: string, test: string) => `localstack tests/aws/services/${file}.snapshot.json#${test}`;

/** An SDK error as AWS answers it. */
export const error = (name: string, status: number, extra: { code?: string; message?: string } = {}): Expectation => ({ error: { name, status, ...extra } });

/** Cases of one service from one recorded test, with the source filled in. */
export function recorded(service: Service, file: string, test: string, cases: Omit<Case, 'service' | 'source' | 'recorded'>[]): Case[] {
  return cases.map((c) => ({ ...c, service, source: snapshot(file, test), recorded: 'aws' }));
}

/** Cases from the API reference (no AWS recording exists for them). */
export function fromReference(service: Service, page: string, cases: Omit<Case, 'service' | 'source' | 'recorded'>[]): Case[] {
  return cases.map((c) => ({ ...c, service, source: `reference ${page}`, recorded: 'reference' }));
}
