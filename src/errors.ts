/** A mistake the user can fix: printed as one line plus what to do, never with a stack trace. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** A stack step that failed: says which resource, keeps the AWS error as the cause. */
export class StepError extends Error {
  constructor(
    readonly step: string,
    override readonly cause: unknown,
  ) {
    super(`${step}: ${(cause as Error)?.message ?? String(cause)}`);
  }
}

/** The shell's code for a process ended by Ctrl-C (128 + SIGINT). */
export const EXIT_INTERRUPTED = 130;
