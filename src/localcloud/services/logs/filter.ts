const TERM = /"([^"]*)"|(\S+)/g;

/**
 * A CloudWatch Logs text filter pattern: every term must appear in the message (case-sensitive),
 * a quoted term as an exact phrase. An empty pattern matches everything.
 * JSON and space-delimited patterns are not modelled; their text is matched as terms.
 */
export function compileFilterPattern(pattern: string | undefined): (message: string) => boolean {
  const terms = [...(pattern ?? '').matchAll(TERM)].map((m) => m[1] ?? m[2]).filter(Boolean);
  if (terms.length === 0) return () => true;
  return (message) => terms.every((term) => message.includes(term));
}
