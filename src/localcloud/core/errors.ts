/**
 * An AWS error as data: handlers throw it, and the edge turns it into the wire
 * shape of the service's protocol (json, query, rest-json, rest-xml).
 */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly senderFault = status < 500,
    /** Extra members some errors carry on the wire (e.g. Lambda's `Type`). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = code;
  }
}

export const notFound = (code: string, message: string) => new AwsError(code, message, 404);
export const badRequest = (code: string, message: string) => new AwsError(code, message, 400);
export const conflict = (code: string, message: string) => new AwsError(code, message, 409);

/** Wraps anything thrown by a handler so the edge always has an AwsError to serialize. */
export function toAwsError(err: unknown): AwsError {
  if (err instanceof AwsError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new AwsError('InternalFailure', message, 500, false);
}
