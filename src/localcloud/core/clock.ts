/** AWS control planes (IAM, STS, API Gateway) write timestamps without milliseconds: 2024-05-01T12:34:56Z. */
export const isoSeconds = (date: Date = new Date()) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The cloud's "today", for what AWS decides by date (the Lambda runtime calendar): the real time, or a
 * moment set by a test or by `local start --date`, from which it runs on.
 */
export class CloudClock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  set(date: Date): void {
    this.offsetMs = date.getTime() - Date.now();
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
