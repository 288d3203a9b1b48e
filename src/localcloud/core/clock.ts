/** AWS control planes (IAM, STS, API Gateway) write timestamps without milliseconds: 2024-05-01T12:34:56Z. */
export const isoSeconds = (date: Date = new Date()) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');
